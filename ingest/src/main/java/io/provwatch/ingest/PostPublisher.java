package io.provwatch.ingest;

import io.provwatch.avro.DeadLetter;
import io.provwatch.avro.Post;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.DeadLetters;
import io.provwatch.platform.metrics.ProvwatchMetrics;
import io.provwatch.platform.topics.TopicSpec;
import io.provwatch.platform.topics.Topics;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes posts to {@code posts}, keyed by post id, and rejects to {@code posts.dlq}, with an
 * idempotent producer and acks=all: a post counts as accepted only once the broker has it.
 */
public final class PostPublisher implements PostSink, AutoCloseable {
  // the producer's timeouts are PublishTimeouts: the HTTP handler derives its wait from them
  private static final String STAGE = "ingest";
  private final KafkaProducer<String, Post> posts;
  private final KafkaProducer<String, DeadLetter> deadLetters;
  private final Clock clock;
  private final AutoCloseable postsMetrics;
  private final AutoCloseable deadLetterMetrics;
  private final AtomicLong published = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  public PostPublisher(ProvwatchConfig config, Clock clock) {
    this.clock = clock;
    this.posts = producer(config, Topics.POSTS, "posts");
    this.deadLetters = producer(config, Topics.POSTS_DLQ, "dlq");
    this.postsMetrics = ProvwatchMetrics.bind(posts, STAGE);
    this.deadLetterMetrics = ProvwatchMetrics.bind(deadLetters, STAGE);
  }

  private static <V> KafkaProducer<String, V> producer(ProvwatchConfig config, TopicSpec<String, V> topic, String role) {
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // fixed, not taken from kafka.*: HttpIngestHandler's wait for acks is derived from them
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) PublishTimeouts.MAX_BLOCK.toMillis());
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PublishTimeouts.REQUEST_TIMEOUT.toMillis());
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) PublishTimeouts.DELIVERY_TIMEOUT.toMillis());
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "provwatch-ingest-" + role);
    Map<String, Object> serde = config.serdeConfig();
    return new KafkaProducer<>(props, topic.keySerde(serde).serializer(), topic.valueSerde(serde).serializer());
  }

  @Override
  public CompletableFuture<Void> publish(Post post) {
    return send(posts, new ProducerRecord<>(Topics.POSTS.name(), post.getId(), post), published);
  }

  @Override
  public CompletableFuture<Void> deadLetter(byte[] raw, String source, String position, PostRejection rejection) {
    DeadLetter letter = DeadLetters.builder(raw, rejection.message())
        .setSource(source)
        .setPosition(position)
        .setStage(STAGE)
        .setErrorCode(rejection.code().name())
        .setTime(clock.instant())
        .build();
    CompletableFuture<Void> sent = send(deadLetters, new ProducerRecord<>(Topics.POSTS_DLQ.name(), source + "@" + position, letter), deadLettered);
    return sent.thenRun(() -> ProvwatchMetrics.deadLetter(STAGE, letter.getErrorCode(), Topics.POSTS_DLQ.name()));
  }

  private <V> CompletableFuture<Void> send(KafkaProducer<String, V> producer, ProducerRecord<String, V> record, AtomicLong counter) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      producer.send(record, (metadata, error) -> {
        if (error == null) {
          counter.incrementAndGet();
          done.complete(null);
        } else {
          failed.incrementAndGet();
          done.completeExceptionally(error);
        }
      });
    } catch (RuntimeException e) { // serialization or registry failure: reported to the caller, not thrown through it
      failed.incrementAndGet();
      done.completeExceptionally(e);
    }
    return done;
  }

  @Override
  public void flush() {
    posts.flush();
    deadLetters.flush();
  }

  public long published() {
    return published.get();
  }

  public long deadLettered() {
    return deadLettered.get();
  }

  public long failed() {
    return failed.get();
  }

  @Override
  public void close() {
    posts.close();
    deadLetters.close();
    try {
      postsMetrics.close();
      deadLetterMetrics.close();
    } catch (Exception e) {
      throw new IllegalStateException("unbinding the publisher's metrics failed", e);
    }
  }
}

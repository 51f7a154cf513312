package io.provwatch.sink.webhook;

import io.provwatch.avro.Alert;
import io.provwatch.avro.DeadLetter;
import io.provwatch.platform.metrics.ProvwatchMetrics;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.DeadLetters;
import io.provwatch.platform.topics.Topics;
import io.provwatch.sink.AlertFormatter;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook sink: a plain consumer of {@code alerts} (read_committed, its own group, manual
 * commits) that POSTs every alert change to each configured url, on its own threads so no stream
 * thread ever waits for a receiver.
 *
 * <p>Delivery is at least once: offsets are committed only after every change of a poll was
 * delivered or dead-lettered, so a crash redelivers; receivers drop repeats by the
 * {@code Idempotency-Key} header (alert id and revision). The changes of one alert id go through
 * one lane, one after the other, so they arrive in order; different alert ids go through
 * {@code sink.webhook.concurrency} lanes in parallel. A change a url does not take after the last
 * retry goes to {@code alerts.webhook.dlq} with the reason, and delivery goes on.
 */
public final class WebhookDelivery implements AutoCloseable {
  public static final String STAGE = "webhook";
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final WebhookSettings settings;
  private final WebhookSender sender;
  private final String alertsTopic;
  private final KafkaConsumer<String, Alert> consumer;
  private final KafkaProducer<String, DeadLetter> deadLetters;
  private final ExecutorService[] lanes;
  private final Clock clock;
  private final Thread loop;
  private final Deque<ConsumerRecord<String, Alert>> buffered = new ArrayDeque<>();
  private volatile boolean running = true;
  private volatile Throwable failure;
  /** The batch under way, so that a rebalance can wait for it and commit it before giving partitions away. */
  private List<ConsumerRecord<String, Alert>> inFlight = List.of();
  private CompletableFuture<Void> inFlightDone = CompletableFuture.completedFuture(null);

  public WebhookDelivery(ProvwatchConfig config, WebhookSettings settings, WebhookSender sender, String alertsTopic, Clock clock) {
    this.settings = settings;
    this.sender = sender;
    this.alertsTopic = alertsTopic;
    this.clock = clock;
    Map<String, Object> serde = config.serdeConfig();
    Map<String, Object> consumerProps = new HashMap<>(config.kafkaClientProperties());
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProps.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "provwatch-webhook");
    this.consumer = new KafkaConsumer<>(consumerProps, Topics.ALERTS.keySerde(serde).deserializer(), Topics.ALERTS.valueSerde(serde).deserializer());
    Map<String, Object> producerProps = new HashMap<>(config.kafkaClientProperties());
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.deadLetters = new KafkaProducer<>(producerProps, Topics.ALERTS_WEBHOOK_DLQ.keySerde(serde).serializer(),
        Topics.ALERTS_WEBHOOK_DLQ.valueSerde(serde).serializer());
    this.lanes = new ExecutorService[settings.concurrency()];
    for (int i = 0; i < lanes.length; i++) {
      int lane = i;
      lanes[i] = Executors.newSingleThreadExecutor(r -> new Thread(r, "provwatch-webhook-lane-" + lane));
    }
    this.loop = new Thread(this::run, "provwatch-webhook");
  }

  /** The webhook sink of {@code config} on the live {@code alerts}, started; null when no url is configured. */
  public static WebhookDelivery start(ProvwatchConfig config) {
    WebhookSettings settings = WebhookSettings.fromConfig(config);
    if (settings == null) {
      return null;
    }
    LOG.info("webhook sink: {}", settings); // the secret and url paths are redacted by toString
    WebhookSender sender = new WebhookSender(settings, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), new Random());
    return new WebhookDelivery(config, settings, sender, Topics.ALERTS.name(), Clock.systemUTC()).start();
  }

  public WebhookDelivery start() {
    consumer.subscribe(List.of(alertsTopic), new Rebalance());
    loop.start();
    return this;
  }

  /** Up for health checks: the loop runs and has not failed. */
  public boolean isHealthy() {
    return loop.isAlive() && failure == null;
  }

  private void run() {
    try {
      while (running) {
        List<ConsumerRecord<String, Alert>> batch = new ArrayList<>(buffered);
        buffered.clear();
        try {
          consumer.poll(batch.isEmpty() ? POLL : Duration.ZERO).forEach(batch::add);
        } catch (RecordDeserializationException e) {
          deadLetterUnreadable(e);
          continue;
        }
        if (!batch.isEmpty()) {
          deliver(batch);
        }
      }
    } catch (WakeupException e) {
      // close(): stop
    } catch (RuntimeException | Error e) {
      failure = e;
      LOG.error("webhook sink stopped: {}", e.toString());
      return;
    }
    // closing: a batch whose every change was delivered is committed, so that a restart does not send it again
    if (inFlightDone != null && inFlightDone.isDone() && !inFlightDone.isCompletedExceptionally()) {
      commitInFlight(null);
    }
  }

  /** Delivers a batch on the lanes, polling (paused) meanwhile to stay in the group, then commits it. */
  private void deliver(List<ConsumerRecord<String, Alert>> batch) {
    List<CompletableFuture<Void>> deliveries = new ArrayList<>();
    for (ConsumerRecord<String, Alert> record : batch) {
      if (record.value() != null) {
        ExecutorService lane = lanes[Math.floorMod(record.key() == null ? 0 : record.key().hashCode(), lanes.length)];
        deliveries.add(CompletableFuture.runAsync(() -> deliverChange(record), lane));
      }
    }
    inFlight = batch;
    inFlightDone = CompletableFuture.allOf(deliveries.toArray(CompletableFuture[]::new));
    while (!inFlightDone.isDone() && running) {
      consumer.pause(consumer.assignment());
      for (ConsumerRecord<String, Alert> late : consumer.poll(POLL)) {
        buffered.add(late); // only from partitions assigned meanwhile: delivered with the next batch
      }
    }
    if (!running) {
      return; // closing: not committed, so delivered again after a restart (receivers drop the repeats)
    }
    consumer.resume(consumer.paused());
    commitInFlight(null);
  }

  /** Waits for the batch under way and commits its offsets (of {@code only} these partitions, or all). */
  private void commitInFlight(Collection<TopicPartition> only) {
    if (inFlight.isEmpty()) {
      return;
    }
    try {
      inFlightDone.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException e) {
      // a dead letter could not be written: do not commit, read the batch again (receivers drop the repeats)
      LOG.warn("webhook sink: a batch failed ({}); it is delivered again", e.getCause().toString());
      Map<TopicPartition, Long> first = new HashMap<>();
      inFlight.forEach(r -> first.merge(new TopicPartition(r.topic(), r.partition()), r.offset(), Math::min));
      first.forEach((tp, offset) -> {
        if (consumer.assignment().contains(tp)) {
          consumer.seek(tp, offset);
        }
      });
      buffered.removeIf(r -> first.containsKey(new TopicPartition(r.topic(), r.partition())));
      inFlight = List.of();
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (ConsumerRecord<String, Alert> record : inFlight) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      if (only == null ? consumer.assignment().contains(tp) : only.contains(tp)) {
        offsets.merge(tp, new OffsetAndMetadata(record.offset() + 1), (a, b) -> a.offset() >= b.offset() ? a : b);
      }
    }
    try {
      try {
        consumer.commitSync(offsets);
      } catch (WakeupException e) {
        consumer.commitSync(offsets); // close() woke the consumer up; the wake-up is used, the commit is not
      }
    } catch (RuntimeException e) {
      // lost the partitions meanwhile: their new owner delivers from the last commit, receivers drop the repeats
      LOG.warn("webhook sink: commit failed ({}); some changes may be delivered again", e.toString());
    }
    if (only == null) {
      inFlight = List.of();
    }
  }

  private void deliverChange(ConsumerRecord<String, Alert> record) {
    Alert alert = record.value();
    byte[] body = AlertFormatter.json(alert).getBytes(StandardCharsets.UTF_8);
    for (URI url : settings.urls()) {
      WebhookSender.Outcome outcome;
      try {
        outcome = sender.deliver(url, alert.getAlertId(), alert.getRevision(), body);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("webhook delivery interrupted", e);
      }
      if (outcome instanceof WebhookSender.Failed failed) {
        LOG.warn("webhook sink: {} revision {} dead-lettered: {}", alert.getAlertId(), alert.getRevision(), failed.reason());
        deadLetter(record.key(), body, position(record.partition(), record.offset()), failed.code(),
            failed.reason() + " (idempotency key " + alert.getAlertId() + ":" + alert.getRevision() + ")");
      }
    }
  }

  private void deadLetterUnreadable(RecordDeserializationException e) {
    TopicPartition tp = e.topicPartition();
    ByteBuffer value = e.valueBuffer();
    byte[] raw = new byte[value == null ? 0 : value.remaining()];
    if (value != null) {
      value.duplicate().get(raw);
    }
    deadLetter(null, raw, position(tp.partition(), e.offset()), "DESERIALIZATION", "not an alert: " + e.getMessage());
    consumer.seek(tp, e.offset() + 1);
  }

  private void deadLetter(String key, byte[] raw, String position, String code, String message) {
    DeadLetter letter = DeadLetters.builder(raw, message).setSource(alertsTopic).setPosition(position)
        .setStage(STAGE).setErrorCode(code).setTime(clock.instant()).build();
    try {
      deadLetters.send(new ProducerRecord<>(Topics.ALERTS_WEBHOOK_DLQ.name(), key, letter)).get(60, TimeUnit.SECONDS);
      ProvwatchMetrics.deadLetter(STAGE, code, Topics.ALERTS_WEBHOOK_DLQ.name());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing a dead letter", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot write to " + Topics.ALERTS_WEBHOOK_DLQ.name() + ": " + e, e);
    }
  }

  private String position(int partition, long offset) {
    return alertsTopic + "-" + partition + "@" + offset;
  }

  /** Before partitions go: finish and commit the batch under way, and drop what was read ahead of them. */
  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commitInFlight(partitions);
      buffered.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      buffered.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      loop.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ExecutorService lane : lanes) {
      lane.shutdownNow();
    }
    if (!loop.isAlive()) {
      inFlight = List.of(); // dropped, not committed: the revocation on close must not wait for lanes that are gone
      consumer.close(Duration.ofSeconds(5));
    }
    deadLetters.close(Duration.ofSeconds(5));
  }
}

package io.provwatch.scoring.media;

import io.provwatch.avro.Media;
import io.provwatch.avro.MediaVerdict;
import io.provwatch.avro.Post;
import io.provwatch.c2pa.C2paReport;
import io.provwatch.c2pa.C2paVerifier;
import io.provwatch.c2pa.TrustSettings;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media stage: {@code posts -> media.verdicts}. A plain consumer/producer on a thread of its own (not a
 * Streams processor, so that no stream thread ever waits on the network): for each media url of a post that
 * has no verdict yet, it fetches the bytes ({@link MediaFetcher}), digests them, verifies their Content
 * Credentials ({@link C2paVerifier}) and writes a {@link MediaVerdict} keyed by the url. Fetches run
 * concurrently, at most {@value ProvwatchConfig#MEDIA_CONCURRENCY}-many at a time (a semaphore; the poll loop
 * waits for a permit, which is the back-pressure). A url is fetched once: urls with a verdict are remembered
 * (LRU, warmed from the compacted {@code media.verdicts} at start), and bytes already verified under
 * another url reuse that verdict by digest. Offsets are committed after a batch's verdicts are written, so
 * a crash re-checks at most one batch (at least once).
 */
public final class MediaStage implements AutoCloseable {
  public static final String STAGE = "media";
  private static final Logger LOG = LoggerFactory.getLogger(MediaStage.class);

  private final ProvwatchConfig config;
  private final MediaFetcher fetcher;
  private final C2paVerifier verifier;
  private final Clock clock;
  private final ExecutorService pool;
  private final Semaphore permits;
  private final Map<String, Boolean> knownUrls;
  private final Map<String, MediaVerdict> bySha256;
  private final Map<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();
  private final KafkaConsumer<String, Post> consumer;
  private final KafkaProducer<String, MediaVerdict> producer;
  private final Thread thread;
  private volatile boolean running = true;
  private final AtomicInteger verdictsWritten = new AtomicInteger();

  private MediaStage(ProvwatchConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
    int concurrency = config.getInt(ProvwatchConfig.MEDIA_CONCURRENCY);
    AtomicInteger threads = new AtomicInteger();
    this.pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "media-fetch-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.permits = new Semaphore(concurrency);
    this.fetcher = new MediaFetcher(pool,
        Duration.ofMillis(config.getInt(ProvwatchConfig.MEDIA_CONNECT_TIMEOUT_MS)),
        Duration.ofMillis(config.getInt(ProvwatchConfig.MEDIA_REQUEST_TIMEOUT_MS)),
        config.getInt(ProvwatchConfig.MEDIA_MAX_BYTES),
        config.getInt(ProvwatchConfig.MEDIA_MAX_REDIRECTS),
        config.getBoolean(ProvwatchConfig.MEDIA_ALLOW_PRIVATE_ADDRESSES));
    this.verifier = new C2paVerifier(trustSettings(config));
    int cacheEntries = config.getInt(ProvwatchConfig.MEDIA_CACHE_ENTRIES);
    this.knownUrls = lru(cacheEntries);
    this.bySha256 = lru(cacheEntries);

    Map<String, Object> consumerProps = new HashMap<>(config.kafkaClientProperties());
    consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, config.getString(ProvwatchConfig.MEDIA_GROUP_ID));
    consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // a batch waits for its fetches: keep it small enough to finish well within max.poll.interval.ms
    consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 4 * concurrency);
    Serde<Post> posts = Topics.POSTS.valueSerde(config.serdeConfig());
    this.consumer = new KafkaConsumer<>(consumerProps, Topics.POSTS.keySerde(config.serdeConfig()).deserializer(), posts.deserializer());

    Map<String, Object> producerProps = new HashMap<>(config.kafkaClientProperties());
    producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
    producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    this.producer = new KafkaProducer<>(producerProps, Topics.MEDIA_VERDICTS.keySerde(config.serdeConfig()).serializer(),
        Topics.MEDIA_VERDICTS.valueSerde(config.serdeConfig()).serializer());
    this.thread = new Thread(this::run, "media-stage");
  }

  /** Starts the stage on its own thread; with {@value ProvwatchConfig#MEDIA_FETCH_ENABLED} off it only idles. */
  public static MediaStage start(ProvwatchConfig config) {
    MediaStage stage = new MediaStage(config, Clock.systemUTC());
    stage.thread.start();
    return stage;
  }

  static TrustSettings trustSettings(ProvwatchConfig config) {
    String pem = config.getString(ProvwatchConfig.MEDIA_TRUST_ANCHORS_PEM);
    if (pem == null || pem.isBlank()) {
      return TrustSettings.none();
    }
    try {
      return TrustSettings.none().withSignerAnchors(TrustSettings.readPem(Path.of(pem)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ProvwatchConfig.MEDIA_TRUST_ANCHORS_PEM + " " + pem, e);
    }
  }

  private static <V> Map<String, V> lru(int entries) {
    return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > entries;
      }
    });
  }

  private void run() {
    try {
      if (!config.getBoolean(ProvwatchConfig.MEDIA_FETCH_ENABLED)) {
        LOG.info("media stage: {} is off, no media is fetched", ProvwatchConfig.MEDIA_FETCH_ENABLED);
        return;
      }
      warmUp();
      consumer.subscribe(List.of(Topics.POSTS.name()));
      while (running) {
        List<CompletableFuture<Void>> batch = new ArrayList<>();
        for (ConsumerRecord<String, Post> record : poll()) {
          if (record.value() == null) {
            continue;
          }
          for (Media media : record.value().getMedia()) {
            CompletableFuture<Void> check = check(media);
            if (check != null) {
              batch.add(check);
            }
          }
        }
        CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
        if (!running) {
          break; // closed while fetching: commit nothing, the batch is checked again after a restart
        }
        producer.flush();
        consumer.commitSync();
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("media stage stopped", e);
    }
  }

  /** Polls posts; a record that is not a post is logged and skipped (its offset passed), never retried forever. */
  private Iterable<ConsumerRecord<String, Post>> poll() {
    try {
      return consumer.poll(Duration.ofMillis(200));
    } catch (RecordDeserializationException e) {
      LOG.warn("media stage: skipping undecodable post at {} offset {}: {}", e.topicPartition(), e.offset(), e.getMessage());
      consumer.seek(e.topicPartition(), e.offset() + 1);
      return List.of();
    }
  }

  /** Reads every verdict written so far, so that media checked before a restart is not fetched again. */
  private void warmUp() {
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, MediaVerdict> verdicts = new KafkaConsumer<>(props,
        Topics.MEDIA_VERDICTS.keySerde(config.serdeConfig()).deserializer(),
        Topics.MEDIA_VERDICTS.valueSerde(config.serdeConfig()).deserializer())) {
      List<TopicPartition> partitions = verdicts.partitionsFor(Topics.MEDIA_VERDICTS.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      verdicts.assign(partitions);
      verdicts.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = verdicts.endOffsets(partitions);
      while (running && partitions.stream().anyMatch(p -> verdicts.position(p) < end.get(p))) {
        for (ConsumerRecord<String, MediaVerdict> r : verdicts.poll(Duration.ofMillis(200))) {
          remember(r.key(), r.value());
        }
      }
    }
  }

  private void remember(String url, MediaVerdict verdict) {
    if (url == null || verdict == null) {
      return;
    }
    knownUrls.put(url, Boolean.TRUE);
    if (verdict.getSha256() != null) {
      bySha256.put(verdict.getSha256(), verdict);
    }
  }

  /** Starts checking one media attachment; null when its url has a verdict or is being checked. */
  private CompletableFuture<Void> check(Media media) throws InterruptedException {
    String url = media.getUrl();
    if (knownUrls.containsKey(url) || inFlight.containsKey(url)) {
      return null;
    }
    permits.acquire();
    CompletableFuture<Void> done = new CompletableFuture<>();
    inFlight.put(url, done); // before the chain starts, so that its removal cannot come first
    fetcher.fetch(url)
        .thenApplyAsync(fetched -> verdict(url, media.getMimeType(), fetched), pool)
        .thenCompose(this::publish)
        .whenComplete((v, e) -> {
          if (e != null) {
            // a failed write (or a verifier bug): the url stays unknown, so a later post retries it
            LOG.warn("media stage: no verdict written for {}", url, e);
          }
          inFlight.remove(url);
          permits.release();
          done.complete(null);
        });
    return done;
  }

  private MediaVerdict verdict(String url, String postedMimeType, MediaFetcher.Fetched fetched) {
    Instant now = clock.instant();
    if (fetched instanceof MediaFetcher.Fetched.Failed failed) {
      return MediaVerdicts.unchecked(url, failed.reason(), now);
    }
    MediaFetcher.Fetched.Bytes bytes = (MediaFetcher.Fetched.Bytes) fetched;
    byte[] digest = sha256(bytes.body());
    MediaVerdict same = bySha256.get(HexFormat.of().formatHex(digest));
    if (same != null) {
      return MediaVerdicts.forUrl(same, url, now);
    }
    String mimeType = bytes.contentType() != null ? bytes.contentType() : postedMimeType;
    C2paReport report = verifier.verify(bytes.body(), mimeType != null ? mimeType : url);
    return MediaVerdicts.checked(url, digest, mimeType, bytes.body().length, report, now);
  }

  private CompletableFuture<Void> publish(MediaVerdict verdict) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    producer.send(new ProducerRecord<>(Topics.MEDIA_VERDICTS.name(), verdict.getUrl(), verdict), (meta, error) -> {
      if (error != null) {
        written.completeExceptionally(error);
      } else {
        remember(verdict.getUrl(), verdict);
        verdictsWritten.incrementAndGet();
        written.complete(null);
      }
    });
    return written;
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** Healthy while the poll loop runs, or when fetching is switched off. */
  public boolean isHealthy() {
    return thread.isAlive() || !config.getBoolean(ProvwatchConfig.MEDIA_FETCH_ENABLED);
  }

  public int verdictsWritten() {
    return verdictsWritten.get();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    inFlight.values().forEach(done -> done.complete(null)); // the poll loop stops waiting for slow fetches
    try {
      thread.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close();
    producer.close();
    pool.shutdownNow();
  }
}

package io.provwatch.app.bench;

import io.provwatch.avro.Alert;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.Post;
import io.provwatch.ingest.PostPublisher;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.ConsumerGroupLag;
import io.provwatch.platform.streams.StreamsSettings;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.topics.TopicCatalog;
import io.provwatch.platform.topics.TopicSpec;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.ScoringService;
import io.provwatch.sink.AlertPolicy;
import io.provwatch.sink.SinkService;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Drives synthetic posts through the identity topology and then through the pipeline (scoring and
 * sink), on the same broker with the same producer, serdes and processing guarantee.
 *
 * <p>Each phase starts its Streams applications at the current end of their input topics, sends a
 * warm-up batch and waits until it is through, then sends the measured batch. A phase's throughput is
 * measured posts over the time from the first send to the moment the last expected output is
 * visible to a read_committed consumer; its latency is per post, from the send call to that moment.
 * For the pipeline, "through" means every post assessed and every alert the alert policy asks
 * for published; latency is measured on alerts, ingest to alert: from the send of the newest post an
 * alert change names (the post whose arrival made the change) to the change, once per post.
 */
public final class PipelineBenchmark {
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  /** What to run. {@code ratePerSecond} 0 means as fast as the producer goes. */
  public record Settings(int posts, int warmupPosts, double ratePerSecond, long seed, Duration phaseTimeout) {
    public Settings {
      if (posts < 1) {
        throw new IllegalArgumentException("posts must be at least 1, got " + posts);
      }
      if (warmupPosts < 0) {
        throw new IllegalArgumentException("warm-up posts must not be negative, got " + warmupPosts);
      }
      if (ratePerSecond < 0 || Double.isNaN(ratePerSecond)) {
        throw new IllegalArgumentException("rate must be positive (or 0 for unlimited), got " + ratePerSecond);
      }
    }
  }

  /** The measured batch of one phase. Latencies are in milliseconds. */
  public record PhaseResult(String name, int posts, double seconds, double postsPerSecond, double ingestPostsPerSecond,
      long latencySamples, double latencyP50Ms, double latencyP99Ms, double latencyP999Ms, double latencyMaxMs,
      long assessments, long alerts, PhaseCost.Result cost) {}

  public record Report(Instant startedAt, Settings settings, String processingGuarantee, int availableProcessors,
      String javaVersion, PhaseResult identity, PhaseResult pipeline) {
    /** Pipeline throughput as a share of the identity topology's: 1.0 means scoring costs nothing. */
    public double ratio() {
      return pipeline.postsPerSecond() / identity.postsPerSecond();
    }
  }

  private final ProvwatchConfig config;
  private final Settings settings;
  private final PrintStream progress;
  private final String runId;

  public PipelineBenchmark(ProvwatchConfig config, Settings settings, PrintStream progress) {
    this.config = config;
    this.settings = settings;
    this.progress = progress;
    this.runId = Long.toString(System.currentTimeMillis(), 36);
  }

  public Report run() throws Exception {
    Instant startedAt = Instant.now();
    try (Admin admin = Admin.create(config.kafkaClientProperties())) {
      TopicCatalog.ensureTopics(admin, config, List.of(Topics.BENCH_IDENTITY));
    }
    String identityApp = "provwatch-bench-identity-" + runId;
    PhaseResult identity = runPhase("identity", new IdentityOutputs(), Map.of(identityApp, Topics.POSTS), () -> List.of(
        new StreamsStage("bench-identity", new IdentityTopologyBuilder(config).build(),
            StreamsSettings.forStage(config, identityApp, "bench-identity", Topics.ASSESSMENTS_DLQ)).start()));

    ProvwatchConfig pipelineConfig = config.with(Map.of(
        // no media stage runs here (it measures fetching, not the stream): posts with media are scored at once
        ProvwatchConfig.SCORING_MEDIA_WAIT_MS, "0",
        ProvwatchConfig.SCORING_APPLICATION_ID, "provwatch-bench-scoring-" + runId,
        ProvwatchConfig.SINK_APPLICATION_ID, "provwatch-bench-sink-" + runId));
    Admin lagAdmin = Admin.create(config.kafkaClientProperties());
    String sinkGroup = pipelineConfig.getString(ProvwatchConfig.SINK_APPLICATION_ID);
    PhaseResult pipeline;
    try (lagAdmin) {
      pipeline = runPhase("pipeline", new PipelineOutputs(AlertPolicy.fromConfig(pipelineConfig), () -> sinkCaughtUp(lagAdmin, sinkGroup)),
        Map.of(pipelineConfig.getString(ProvwatchConfig.SCORING_APPLICATION_ID), Topics.POSTS,
            pipelineConfig.getString(ProvwatchConfig.SINK_APPLICATION_ID), Topics.ASSESSMENTS),
        () -> List.of(ScoringService.start(pipelineConfig), SinkService.start(pipelineConfig)));
    }

    return new Report(startedAt, settings, config.getString(ProvwatchConfig.PROCESSING_GUARANTEE),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), identity, pipeline);
  }

  private interface StageStarter {
    List<StreamsStage> start() throws Exception;
  }

  private PhaseResult runPhase(String name, Outputs outputs, Map<String, TopicSpec<?, ?>> inputOfGroup, StageStarter starter)
      throws Exception {
    startAtEnd(inputOfGroup);
    List<StreamsStage> stages = new ArrayList<>();
    try (OutputWatcher watcher = new OutputWatcher(outputs); PostPublisher publisher = new PostPublisher(config, Clock.systemUTC())) {
      stages.addAll(starter.start());
      for (StreamsStage stage : stages) {
        stage.awaitRunning(Duration.ofSeconds(120));
      }
      watcher.start();
      // the application ids name the stages' threads and internal topics
      Map<String, String> stageNames = new LinkedHashMap<>();
      inputOfGroup.keySet().stream().sorted().forEach(app -> stageNames.put(app, app.replace("provwatch-bench-", "").replace("-" + runId, "")));
      if (settings.warmupPosts() > 0) {
        drive(name + " warm-up", name + "-warmup", settings.warmupPosts(), publisher, watcher, stageNames);
      }
      return drive(name, name, settings.posts(), publisher, watcher, stageNames);
    } finally {
      for (StreamsStage stage : stages) {
        stage.close();
      }
    }
  }

  /** Commits each group's offsets at the end of its input, so a phase reads only the posts it sends. */
  private void startAtEnd(Map<String, TopicSpec<?, ?>> inputOfGroup) throws Exception {
    try (Admin admin = Admin.create(config.kafkaClientProperties())) {
      for (Map.Entry<String, TopicSpec<?, ?>> group : inputOfGroup.entrySet()) {
        String topic = group.getValue().name();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
            .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
        admin.alterConsumerGroupOffsets(group.getKey(), ends).all().get();
      }
    }
  }

  private PhaseResult drive(String label, String batch, int count, PostPublisher publisher, OutputWatcher watcher,
      Map<String, String> stageNames) throws Exception {
    try (Admin admin = Admin.create(config.kafkaClientProperties())) {
      PhaseCost cost = PhaseCost.start(admin, stageNames);
      PhaseResult result = drive(label, batch, count, publisher, watcher);
      PhaseCost.Result spent = cost.finish(admin, count, stageNames);
      progress.printf("bench: %s: %s%n", label, PhaseCost.describe(spent));
      return new PhaseResult(result.name(), result.posts(), result.seconds(), result.postsPerSecond(), result.ingestPostsPerSecond(),
          result.latencySamples(), result.latencyP50Ms(), result.latencyP99Ms(), result.latencyP999Ms(), result.latencyMaxMs(),
          result.assessments(), result.alerts(), spent);
    }
  }

  private PhaseResult drive(String label, String batch, int count, PostPublisher publisher, OutputWatcher watcher) throws Exception {
    SyntheticPosts posts = new SyntheticPosts(settings.seed(), runId + "-" + batch);
    LatencyRecorder latency = new LatencyRecorder(count);
    Batch expected = watcher.expect(posts, latency, count);
    long intervalNanos = settings.ratePerSecond() == 0 ? 0 : (long) (1e9 / settings.ratePerSecond());
    long start = System.nanoTime();
    long nextProgress = start + PROGRESS_EVERY.toNanos();
    List<Throwable> sendErrors = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (intervalNanos > 0) {
        long due = start + i * intervalNanos;
        long wait;
        while ((wait = due - System.nanoTime()) > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      Post post = posts.next(Instant.now());
      latency.sent(i, System.nanoTime());
      publisher.publish(post).exceptionally(error -> {
        synchronized (sendErrors) {
          sendErrors.add(error);
        }
        return null;
      });
      if (System.nanoTime() > nextProgress) {
        report(label, i + 1, count, expected, start);
        nextProgress = System.nanoTime() + PROGRESS_EVERY.toNanos();
      }
    }
    publisher.flush();
    double ingestSeconds = (System.nanoTime() - start) / 1e9;
    if (!sendErrors.isEmpty()) {
      throw new IllegalStateException(sendErrors.size() + " of " + count + " posts could not be sent; first: " + sendErrors.get(0).getMessage());
    }
    long deadline = System.nanoTime() + settings.phaseTimeout().toNanos();
    while (!expected.awaitDone(PROGRESS_EVERY)) {
      watcher.rethrow();
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(label + ": only " + expected.describe() + " after " + settings.phaseTimeout().toSeconds()
            + "s; is the stage stuck? (see the log above)");
      }
      report(label, count, count, expected, start);
    }
    double seconds = (expected.doneNanos() - start) / 1e9;
    PhaseResult result = new PhaseResult(label, count, seconds, count / seconds, count / ingestSeconds, latency.count(),
        latency.millisAt(50), latency.millisAt(99), latency.millisAt(99.9), latency.maxMillis(),
        expected.assessments.get(), expected.alerts.get(), null);
    progress.printf("bench: %s: %d posts through in %.2fs (%,.0f posts/s; ingest %,.0f posts/s), latency p50 %.1f ms, p99 %.1f ms%n",
        label, count, seconds, result.postsPerSecond(), result.ingestPostsPerSecond(), result.latencyP50Ms(), result.latencyP99Ms());
    return result;
  }

  private void report(String label, int sent, int count, Batch batch, long start) {
    progress.printf("bench: %s: sent %d/%d, %s, %.0fs%n", label, sent, count, batch.describe(), (System.nanoTime() - start) / 1e9);
  }

  /** What the phase's outputs are and when a batch is through. */
  private interface Outputs {
    List<TopicSpec<String, ?>> topics();

    void accept(ConsumerRecord<String, ?> record, Object value, Batch batch, long nowNanos);
  }

  private static final class IdentityOutputs implements Outputs {
    @Override
    public List<TopicSpec<String, ?>> topics() {
      return List.of(Topics.BENCH_IDENTITY);
    }

    @Override
    public void accept(ConsumerRecord<String, ?> record, Object value, Batch batch, long nowNanos) {
      int sequence = batch.posts.sequenceOf(((Post) value).getId());
      if (sequence >= 0 && batch.latency.arrived(sequence, nowNanos)) {
        batch.outputs.incrementAndGet();
      }
    }
  }

  /** Whether the sink has committed every assessment: under exactly-once, its alert changes are then published too. */
  private static boolean sinkCaughtUp(Admin admin, String sinkGroup) {
    try {
      return ConsumerGroupLag.of(admin, sinkGroup, Topics.ASSESSMENTS.name()) == 0;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return false;
    }
  }

  private static final class PipelineOutputs implements Outputs {
    private final AlertPolicy policy;
    private final BooleanSupplier sinkCaughtUp;

    /**
     * @param sinkCaughtUp whether the sink has processed every assessment: alert changes group posts (a
     *     campaign's posts share one alert, a repeat adds no change), so their count alone cannot say a batch is through
     */
    PipelineOutputs(AlertPolicy policy, BooleanSupplier sinkCaughtUp) {
      this.policy = policy;
      this.sinkCaughtUp = sinkCaughtUp;
    }

    @Override
    public List<TopicSpec<String, ?>> topics() {
      return List.of(Topics.ASSESSMENTS, Topics.ALERTS);
    }

    @Override
    public void accept(ConsumerRecord<String, ?> record, Object value, Batch batch, long nowNanos) {
      int assessed = value instanceof Assessment assessment ? batch.posts.sequenceOf(assessment.getPostId()) : -1;
      if (assessed >= 0) {
        // a post is counted once: a copy scored before its late original is scored again (its alert then opens)
        if (batch.assessedPosts.add(assessed)) {
          batch.assessments.incrementAndGet();
        }
        if (policy.severityOf((Assessment) value).isPresent() && batch.alertingPosts.add(assessed)) {
          batch.expectedAlerts.incrementAndGet();
        }
      } else if (value instanceof Alert alert) {
        // an alert change is timed from the newest post it names: the one whose arrival made the change. Its
        // first post would time a campaign's tenth revision from the campaign's first share, i.e. the data's age
        int newest = -1;
        for (String postId : alert.getPostIds()) {
          newest = Math.max(newest, batch.posts.sequenceOf(postId));
        }
        if (newest >= 0 && batch.alertedPosts.add(newest) && batch.latency.arrived(newest, nowNanos)) {
          batch.alerts.incrementAndGet();
        }
      }
    }
  }

  /** Progress of one batch through a phase, updated by the watcher thread. */
  private static final class Batch {
    final SyntheticPosts posts;
    final LatencyRecorder latency;
    final int count;
    final boolean countsAssessments;
    private final BooleanSupplier sinkCaughtUp;
    private long lastLagCheckNanos;
    final AtomicLong outputs = new AtomicLong();
    /** Posts of the batch (by sequence) assessed, and those with an assessment the alert policy alerts on; the watcher's thread only. */
    final Set<Integer> assessedPosts = new HashSet<>();
    final Set<Integer> alertingPosts = new HashSet<>();
    /** Posts an alert change was timed from, each once. */
    final Set<Integer> alertedPosts = new HashSet<>();
    final AtomicLong assessments = new AtomicLong();
    final AtomicLong expectedAlerts = new AtomicLong();
    final AtomicLong alerts = new AtomicLong();
    private volatile long doneNanos;
    private Map<TopicPartition, Long> outputEndsAtCatchUp;

    /** @param sinkCaughtUp for the pipeline phase (which counts assessments and alerts); null for the identity phase */
    Batch(SyntheticPosts posts, LatencyRecorder latency, int count, BooleanSupplier sinkCaughtUp) {
      this.posts = posts;
      this.latency = latency;
      this.count = count;
      this.countsAssessments = sinkCaughtUp != null;
      this.sinkCaughtUp = sinkCaughtUp;
    }

    /** @param watcher the read_committed consumer of the outputs, on its own thread */
    boolean isThrough(Consumer<?, ?> watcher) {
      if (!countsAssessments) {
        return outputs.get() >= count;
      }
      if (assessments.get() < count) {
        return false;
      }
      if (alerts.get() >= expectedAlerts.get()) {
        return true;
      }
      if (outputEndsAtCatchUp == null) {
        if (!sinkCaughtUpNow()) {
          return false;
        }
        // the sink commits its alert changes with its offsets, but the watcher may not have polled them yet;
        // its ends are the last stable offsets, as it reads committed records only
        outputEndsAtCatchUp = watcher.endOffsets(watcher.assignment());
      }
      return outputEndsAtCatchUp.entrySet().stream().allMatch(end -> watcher.position(end.getKey()) >= end.getValue());
    }

    /** The sink's lag, asked at most twice a second. */
    private boolean sinkCaughtUpNow() {
      long now = System.nanoTime();
      if (now - lastLagCheckNanos < 500_000_000L) {
        return false;
      }
      lastLagCheckNanos = now;
      return sinkCaughtUp.getAsBoolean();
    }

    void checkDone(long nowNanos, Consumer<?, ?> watcher) {
      if (doneNanos == 0 && isThrough(watcher)) {
        synchronized (this) {
          doneNanos = nowNanos;
          notifyAll();
        }
      }
    }

    synchronized boolean awaitDone(Duration timeout) throws InterruptedException {
      if (doneNanos == 0) {
        wait(timeout.toMillis());
      }
      return doneNanos != 0;
    }

    long doneNanos() {
      return doneNanos;
    }

    String describe() {
      return countsAssessments
          ? String.format("%d/%d assessed, %d/%d alerts", assessments.get(), count, alerts.get(), expectedAlerts.get())
          : String.format("%d/%d copied", outputs.get(), count);
    }
  }

  /** Reads the phase's output topics (read_committed, from their current end) on its own thread. */
  private final class OutputWatcher implements AutoCloseable {
    private final Outputs outputs;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Deserializer<?>> deserializers = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private volatile Batch batch;
    private volatile Throwable failure;

    OutputWatcher(Outputs outputs) {
      this.outputs = outputs;
      Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
      props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
      props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
      this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
      List<TopicPartition> partitions = new ArrayList<>();
      for (TopicSpec<String, ?> topic : outputs.topics()) {
        deserializers.put(topic.name(), topic.valueSerde(config.serdeConfig()).deserializer());
        consumer.partitionsFor(topic.name()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position); // resolve now: outputs of posts sent later must not be skipped
      this.thread = new Thread(this::poll, "provwatch-bench-watcher");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    Batch expect(SyntheticPosts posts, LatencyRecorder latency, int count) {
      Batch next = new Batch(posts, latency, count, outputs instanceof PipelineOutputs pipeline ? pipeline.sinkCaughtUp : null);
      batch = next;
      return next;
    }

    private void poll() {
      try {
        while (running.get()) {
          var records = consumer.poll(Duration.ofMillis(100));
          long now = System.nanoTime();
          Batch current = batch;
          for (ConsumerRecord<String, byte[]> record : records) {
            if (current != null && record.value() != null) {
              Object value = deserializers.get(record.topic()).deserialize(record.topic(), record.value());
              outputs.accept(record, value, current, now);
            }
          }
          if (current != null) {
            current.checkDone(now, consumer);
          }
        }
      } catch (org.apache.kafka.common.errors.WakeupException e) {
        // closing
      } catch (Throwable e) {
        failure = e;
      }
    }

    void rethrow() {
      if (failure != null) {
        throw new IllegalStateException("reading the benchmark's outputs failed: " + failure.getMessage(), failure);
      }
    }

    @Override
    public void close() throws InterruptedException {
      running.set(false);
      consumer.wakeup();
      thread.join(Duration.ofSeconds(10).toMillis());
      if (!thread.isAlive()) {
        consumer.close();
      }
    }
  }
}

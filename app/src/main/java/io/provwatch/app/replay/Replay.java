package io.provwatch.app.replay;

import io.provwatch.avro.Alert;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.InputRef;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.TopicCatalog;
import io.provwatch.platform.topics.TopicSpec;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.aitext.AiTextModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An audit replay: the posts published in [from, to) are copied, in one total order, into
 * {@code audit.<run>.posts}, scored and turned into alerts by the production topologies under fresh
 * application ids ({@link ReplayPipeline}) into {@code audit.<run>.assessments} and
 * {@code audit.<run>.alerts}, and compared with the live alerts of the same posts ({@link AuditReport}).
 * Live topics, groups and state are only read. Same range, model and config: byte-identical alerts.
 */
public final class Replay {
  /** Run ids become part of topic names. */
  public static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(15);

  /** Missing post ids named in the one-line summary. */
  private static final int FIRST_MISSING = 5;
  private static final long WAIT_TICK_MS = 500;

  /**
   * What to replay and how.
   *
   * @param missingWait how long to wait, once both stages have consumed everything, for posts that are
   *     still neither assessed nor dead-lettered, before the audit is called incomplete
   */
  public record Request(Instant from, Instant to, String model, String runId, Path reportDir, Duration missingWait) {}

  /** What a replay produced; {@code missingIds} is the file listing the missing posts of an incomplete audit, else null. */
  public record Result(AuditReport report, Path html, Path json, Path missingIds) {
    /** Every post of the range was assessed or dead-lettered. */
    public boolean complete() {
      return report.accounting().complete();
    }

    /** One line: how many posts are missing and the first of them; empty when complete. */
    public String incompleteSummary() {
      return complete() ? "" : report.accounting().incompleteSummary(FIRST_MISSING);
    }
  }

  private final ProvwatchConfig config;
  private final ReplayProgress progress;
  private final Clock clock;
  /** Which posts of the range reach the replay's input: all of them, but for tests that make a stage lose one. */
  private final Predicate<String> copied;

  public Replay(ProvwatchConfig config, ReplayProgress progress, Clock clock) {
    this(config, progress, clock, postId -> true);
  }

  Replay(ProvwatchConfig config, ReplayProgress progress, Clock clock, Predicate<String> copied) {
    this.config = config;
    this.progress = progress;
    this.clock = clock;
    this.copied = copied;
  }

  public Result run(Request request) throws IOException, InterruptedException {
    if (!request.to().isAfter(request.from())) {
      throw new ReplayException("--to (" + request.to() + ") must be after --from (" + request.from() + ")");
    }
    if (!RUN_ID.matcher(request.runId()).matches()) {
      throw new ReplayException("run id '" + request.runId() + "' must be 1 to 64 letters, digits, '-' or '_'");
    }
    AiTextModel model = ModelChoice.resolve(request.model());
    String runId = request.runId();
    Map<String, Object> clientProps = clientProperties();
    try (Admin admin = Admin.create(clientProps)) {
      Set<String> existing = brokerTopics(admin);
      if (existing.contains(Topics.auditAlerts(runId).name())) {
        throw new ReplayException("run id '" + runId + "' was used already (topic " + Topics.auditAlerts(runId).name() + " exists): choose another --run-id");
      }
      ReplayRange range;
      RangeCopy.Read read;
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(readCommitted(clientProps), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        range = ReplayRange.find(consumer, Topics.POSTS.name(), request.from(), request.to());
        long total = range.size();
        read = total == 0 ? new RangeCopy.Read(List.of(), List.of()) : RangeCopy.read(consumer, range, n -> progress.reading(n, total));
      }
      List<RangeCopy.RawPost> posts = read.posts();
      if (posts.isEmpty()) {
        throw new ReplayException("no posts in " + request.from() + " .. " + request.to() + " on topic " + Topics.POSTS.name());
      }
      ReplayAccounting accounting = new ReplayAccounting(read.partitions(), posts);
      createAuditTopics(admin, runId);
      Map<String, Object> producerProps = new HashMap<>(clientProps);
      producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
      producerProps.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      List<RangeCopy.RawPost> input = posts.stream().filter(p -> copied.test(ReplayAccounting.postId(p))).toList();
      try (var producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
        RangeCopy.write(producer, Topics.auditPosts(runId).name(), Topics.POSTS.name(), input, n -> progress.copying(n, input.size()));
      }

      Path stateDir = config.dataDir().resolve("replay").resolve(runId);
      // at_least_once: exactly-once commits (timed by the wall clock) write transaction markers that take
      // offsets, so the assessment offsets that alerts record would differ from run to run
      ProvwatchConfig replayConfig = config.with(Map.of(ProvwatchConfig.STREAMS_STATE_DIR, stateDir.toString(),
          ProvwatchConfig.PROCESSING_GUARANTEE, "at_least_once",
          // the media verdicts known now are used at once: waiting for more would only release posts out of order
          ProvwatchConfig.SCORING_MEDIA_WAIT_MS, "0"));
      String scoringAppId;
      String sinkAppId;
      List<Assessment> assessments;
      try (ReplayOutputs outputs = new ReplayOutputs(readCommitted(clientProps), config.serdeConfig(), Topics.auditAssessments(runId),
          Topics.auditDlq(runId), accounting)) {
        try (ReplayPipeline pipeline = new ReplayPipeline(replayConfig, admin, runId, model)) {
          scoringAppId = pipeline.scoringApplicationId();
          sinkAppId = pipeline.sinkApplicationId();
          long started = clock.millis();
          Runnable tick = () -> {
            outputs.poll();
            progress.processing(accounting, endOffset(admin, Topics.auditAlerts(runId).name()), clock.millis() - started);
          };
          pipeline.start();
          pipeline.awaitCaughtUp(tick);
          awaitMissing(pipeline, outputs, accounting, request.missingWait());
        } catch (TimeoutException e) {
          throw new ReplayException("the replay's streams did not start: " + e.getMessage(), e);
        } finally {
          deleteDirectory(stateDir);
        }
        deleteQuietly(admin, Topics.auditPosts(runId).name());
        outputs.drain();
        assessments = outputs.assessments();
      }

      List<Alert> alerts = values(read(Topics.auditAlerts(runId), null));
      DiffScope scope = DiffScope.of(accounting, liveAssessedPosts(range), liveAlerts(range, accounting), AuditReport.latestPerId(alerts));
      Map<String, Assessment> byPost = new HashMap<>();
      assessments.forEach(a -> byPost.put(a.getPostId(), a));
      List<AlertDiff.Change> diff = AlertDiff.between(scope.live(), scope.replay(), byPost);
      Map<String, String> auditTopics = new LinkedHashMap<>();
      auditTopics.put("assessments", Topics.auditAssessments(runId).name());
      auditTopics.put("alerts", Topics.auditAlerts(runId).name());
      auditTopics.put("dead letters", Topics.auditDlq(runId).name());
      Path missingIds = accounting.complete() ? null : request.reportDir().resolve("audit-" + runId + "-missing.txt");
      AuditReport report = new AuditReport(runId, range, accounting, scoringAppId, sinkAppId, auditTopics, assessments, alerts, scope, diff,
          missingIds == null ? null : missingIds.getFileName().toString(), clock.instant());
      Path html = report.write(request.reportDir());
      if (missingIds != null) {
        Files.write(missingIds, accounting.missing(), StandardCharsets.UTF_8);
      }
      progress.done(report);
      return new Result(report, html, request.reportDir().resolve("audit-" + runId + ".json"), missingIds);
    }
  }

  /**
   * Once both stages have consumed everything, posts still neither assessed nor dead-lettered are held
   * somewhere in the topology: waits up to {@code bound} for them, then lets the report say which they are.
   */
  private void awaitMissing(ReplayPipeline pipeline, ReplayOutputs outputs, ReplayAccounting accounting, Duration bound)
      throws InterruptedException {
    outputs.drain();
    long deadline = clock.millis() + bound.toMillis();
    while (!accounting.complete() && clock.millis() < deadline) {
      pipeline.checkRunning();
      progress.waitingForMissing(accounting.postsInRange() - accounting.accountedPosts(), Math.max(0, deadline - clock.millis()));
      Thread.sleep(WAIT_TICK_MS);
      outputs.drain();
    }
  }

  /** Ids of the range's posts that live assessed (latest live assessments whose input lies in the range). */
  private Set<String> liveAssessedPosts(ReplayRange range) {
    Set<String> ids = new HashSet<>();
    for (ConsumerRecord<String, Assessment> record : read(Topics.ASSESSMENTS, range.from())) {
      InputRef in = record.value().getInput();
      if (range.contains(in.getTopic(), in.getPartition(), in.getOffset())) {
        ids.add(record.value().getPostId());
      }
    }
    return ids;
  }

  private Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    // a broker that is down should fail the command in seconds, not after the clients' default minute
    props.putIfAbsent(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
    props.putIfAbsent(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
    return props;
  }

  private static Map<String, Object> readCommitted(Map<String, Object> clientProps) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    return props;
  }

  private Set<String> brokerTopics(Admin admin) throws InterruptedException {
    try {
      return admin.listTopics().names().get(BROKER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new ReplayException("cannot reach Kafka at " + String.join(",", config.getList(ProvwatchConfig.BOOTSTRAP_SERVERS))
          + " (" + (e.getCause() != null ? e.getCause().getMessage() : "no answer in " + BROKER_TIMEOUT.toSeconds() + " s")
          + "): is the broker running? set --bootstrap-servers", e);
    }
  }

  private void createAuditTopics(Admin admin, String runId) throws InterruptedException {
    short rf = config.getShort(ProvwatchConfig.TOPIC_REPLICATION_FACTOR);
    List<NewTopic> topics = new ArrayList<>();
    for (TopicSpec<?, ?> spec : List.of(Topics.auditPosts(runId), Topics.auditAssessments(runId), Topics.auditAlerts(runId), Topics.auditCampaigns(runId),
        Topics.auditDlq(runId))) {
      topics.add(spec.newTopic(spec.defaultPartitions(), rf, null));
    }
    try {
      admin.createTopics(topics).all().get(BROKER_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
      TopicCatalog.awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
    } catch (ExecutionException | TimeoutException e) {
      throw new ReplayException("cannot create the audit topics of run " + runId + ": " + (e.getCause() != null ? e.getCause().getMessage() : e), e);
    }
  }

  private static void deleteQuietly(Admin admin, String topic) throws InterruptedException {
    try {
      admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // only the replay's copy of its input: leaving it behind loses nothing
    }
  }

  /** The replay's local state: Streams' cleanUp leaves the emptied directories behind. */
  private static void deleteDirectory(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static long endOffset(Admin admin, String topic) {
    try {
      var tp = new TopicPartition(topic, 0);
      return admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get(5, TimeUnit.SECONDS).get(tp).offset();
    } catch (ExecutionException | TimeoutException e) {
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }

  /** The latest live alert per id that {@link DiffScope#concerns concerns} the range. */
  private Map<String, Alert> liveAlerts(ReplayRange range, ReplayAccounting accounting) {
    Map<String, Alert> live = new HashMap<>();
    for (ConsumerRecord<String, Alert> record : read(Topics.ALERTS, range.from())) {
      if (DiffScope.concerns(record.value(), range, accounting)) {
        live.put(record.value().getAlertId(), record.value());
      }
    }
    return live;
  }

  /** The committed records of {@code topic}, from the first at or after {@code from} (null: the beginning) to the current end. */
  <V> List<ConsumerRecord<String, V>> read(TopicSpec<String, V> topic, Instant from) {
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(readCommitted(clientProperties()), topic.keySerde(config.serdeConfig()).deserializer(),
        topic.valueSerde(config.serdeConfig()).deserializer())) {
      List<TopicPartition> tps = consumer.partitionsFor(topic.name()).stream().map(p -> new TopicPartition(topic.name(), p.partition()))
          .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
      consumer.assign(tps);
      Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
      if (from == null) {
        consumer.seekToBeginning(tps);
      } else {
        Map<TopicPartition, Long> at = new HashMap<>();
        tps.forEach(tp -> at.put(tp, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(at);
        tps.forEach(tp -> consumer.seek(tp, starts.get(tp) == null ? ends.get(tp) : starts.get(tp).offset()));
      }
      for (TopicPartition tp : tps) {
        while (consumer.position(tp) < ends.get(tp)) {
          for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
            if (record.value() != null && record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
              records.add(record);
            }
          }
        }
      }
    }
    records.sort(java.util.Comparator.<ConsumerRecord<String, V>>comparingInt(ConsumerRecord::partition).thenComparingLong(ConsumerRecord::offset));
    return records;
  }

  private static <V> List<V> values(List<ConsumerRecord<String, V>> records) {
    return records.stream().map(ConsumerRecord::value).toList();
  }
}

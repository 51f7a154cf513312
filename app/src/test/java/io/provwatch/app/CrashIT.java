package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provwatch.avro.Alert;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.http.HttpSecurity;
import io.provwatch.platform.kafka.EmbeddedKafkaCluster;
import io.provwatch.platform.registry.EmbeddedSchemaRegistry;
import io.provwatch.platform.topics.TopicCatalog;
import io.provwatch.platform.topics.TopicSpec;
import io.provwatch.platform.topics.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Exactly once under crashes, with real processes: a 3-node KRaft cluster in this JVM (every catalog
 * topic RF 3, {@code min.insync.replicas} 2), ingest, scoring and sink each in its own JVM started as
 * a user starts them ({@code provwatch run <stage> --set ...}). Posts with unique ids and unique texts
 * are POSTed to ingest (a batch is sent again until ingest acknowledges it) while every stage is
 * killed with SIGKILL at random moments and restarted, and the node leading a partition of
 * {@code posts} is stopped once and started again. Then, read with {@code read_committed}: every post
 * has exactly one assessment, every alert's revisions run 1, 2, 3... without gap or repeat, and no
 * acknowledged post is missing from {@code posts}.
 *
 * <p>Size: {@code -Dprovwatch.crash.posts} (default 2000) and {@code -Dprovwatch.crash.kills} kills per
 * stage (default 3), sized for CI; the figures are 20000 and 5 (docs/reliability.md). Child logs go to {@code target/crash-it/<run>/}.
 */
@Tag("crash")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashIT {
  private static final int POSTS = Integer.getInteger("provwatch.crash.posts", 2000);
  private static final int KILLS = Integer.getInteger("provwatch.crash.kills", 3);
  /** Feeding is spread over at least this long, so that the kills land while posts flow. */
  private static final Duration FEED_AT_LEAST = Duration.ofSeconds(Long.getLong("provwatch.crash.feed.seconds", 30));
  private static final int BATCH = 50;
  /** Posts sharing one link, from as many accounts: enough for a coordination campaign and its alert's revisions. */
  private static final int CAMPAIGN_SIZE = 6;
  /** Longest wait for one step (a stage up, the pipeline drained): generous, it only bounds a hung run. */
  private static final Duration PATIENCE = Duration.ofMinutes(5).plusMillis(POSTS * 30L);
  private static final long SEED = Long.getLong("provwatch.crash.seed", System.nanoTime());

  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Random random = new Random(SEED);
  private final String run = "crash" + Long.toString(SEED % 1_000_000, 36).replace("-", "");
  private Path root;
  private EmbeddedKafkaCluster cluster;
  private EmbeddedSchemaRegistry registry;
  private ProvwatchConfig config;
  private final Map<String, StageProcess> stages = new TreeMap<>();

  @BeforeAll
  void startTheClusterAndTheStages() throws Exception {
    root = Path.of("target", "crash-it", run).toAbsolutePath();
    Files.createDirectories(root);
    cluster = EmbeddedKafkaCluster.start(root.resolve("kafka"), "127.0.0.1", 3);
    Map<String, Object> settings = new HashMap<>(Map.of(
        ProvwatchConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
        ProvwatchConfig.TOPIC_REPLICATION_FACTOR, "3",
        ProvwatchConfig.TOPIC_MIN_INSYNC_REPLICAS, "2",
        ProvwatchConfig.DATA_DIR, root.resolve("test").toString()));
    config = new ProvwatchConfig(settings);
    try (Admin admin = Admin.create(config.kafkaClientProperties())) {
      TopicCatalog.ensureTopics(admin, config);
    }
    registry = EmbeddedSchemaRegistry.start(config.kafkaClientProperties(), "127.0.0.1", 0, HttpSecurity.fromConfig(config));
    config = config.with(Map.of(ProvwatchConfig.SCHEMA_REGISTRY_URL, registry.url()));
    for (String stage : List.of("ingest", "scoring", "sink")) {
      stages.put(stage, new StageProcess(stage));
    }
    for (StageProcess stage : stages.values()) {
      stage.start();
    }
    for (StageProcess stage : stages.values()) {
      stage.awaitHealthy();
    }
  }

  @AfterAll
  void stopEverything() {
    stages.values().forEach(StageProcess::destroy);
    if (registry != null) {
      registry.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    // the logs stay for diagnosis; the brokers' and stages' data (hundreds of MB at full size) go
    for (String data : List.of("kafka", "test", "ingest", "scoring", "sink")) {
      deleteRecursively(root.resolve(data));
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("CrashIT: cannot delete " + dir + ": " + e.getMessage());
    }
  }

  @Test
  void everyPostIsAssessedOnceAndNoAcknowledgedPostIsLostWhileStagesAndABrokerCrash() throws Exception {
    long started = System.nanoTime();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    AtomicInteger fed = new AtomicInteger();
    ExecutorService chaos = Executors.newFixedThreadPool(5);
    try {
      Future<?> feeding = chaos.submit(() -> feed(fed, acknowledged));
      List<Future<?>> killers = new ArrayList<>();
      for (StageProcess stage : stages.values()) {
        List<Integer> moments = randomMoments(KILLS);
        killers.add(chaos.submit(() -> killAt(stage, moments, fed)));
      }
      int brokerMoment = POSTS / 3 + random.nextInt(POSTS / 3);
      killers.add(chaos.submit(() -> stopALeaderAt(brokerMoment, fed)));
      feeding.get();
      for (Future<?> killer : killers) {
        killer.get();
      }
    } finally {
      chaos.shutdownNow();
    }
    for (StageProcess stage : stages.values()) {
      stage.awaitHealthy();
    }
    long fedAt = System.nanoTime();

    // every stage has processed all its inputs; then stopped gracefully, so that no transaction is left open
    try (PipelineCatchUp catchUp = new PipelineCatchUp(config, () -> 0L)) {
      await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(catchUp::drained);
    }
    stages.get("sink").stop();
    stages.get("scoring").stop();
    stages.get("ingest").stop();

    Map<String, Integer> postCopies = countByKey(Topics.POSTS);
    Map<String, Integer> assessments = countByKey(Topics.ASSESSMENTS);
    Map<String, List<Integer>> revisions = new HashMap<>();
    readAll(Topics.ALERTS, (id, alert) -> revisions.computeIfAbsent(id, k -> new ArrayList<>()).add(((Alert) alert).getRevision()));

    List<String> missingFromPosts = acknowledged.stream().filter(id -> !postCopies.containsKey(id)).sorted().toList();
    List<String> unassessed = ids().stream().filter(id -> !assessments.containsKey(id)).toList();
    Map<String, Integer> assessedTwice = new TreeMap<>();
    assessments.forEach((id, n) -> {
      if (n != 1) {
        assessedTwice.put(id, n);
      }
    });
    Map<String, List<Integer>> badRevisions = new TreeMap<>();
    revisions.forEach((id, seq) -> {
      for (int i = 0; i < seq.size(); i++) {
        if (seq.get(i) != i + 1) {
          badRevisions.put(id, seq);
          break;
        }
      }
    });
    long postsWrittenTwice = postCopies.values().stream().filter(n -> n > 1).count();
    System.out.printf("CrashIT (seed %d, logs %s):%n", SEED, root);
    System.out.printf("  posts fed %d, acknowledged %d, in posts %d (%d written more than once by a retried batch)%n",
        POSTS, acknowledged.size(), postCopies.size(), postsWrittenTwice);
    System.out.printf("  assessed %d, duplicates %d, unassessed %d, missing from posts %d%n",
        assessments.size(), assessedTwice.size(), unassessed.size(), missingFromPosts.size());
    System.out.printf("  alerts %d, revisions %d, with gaps or repeats %d%n",
        revisions.size(), revisions.values().stream().mapToInt(List::size).sum(), badRevisions.size());
    stages.forEach((name, stage) -> System.out.printf("  %s: killed %d times (SIGKILL), started %d times%n", name, stage.kills, stage.starts));
    System.out.printf("  broker kills 1; fed in %.1f s, total %.1f s%n", (fedAt - started) / 1e9, (System.nanoTime() - started) / 1e9);

    assertThat(acknowledged).as("every post acknowledged in the end (batches are sent again until they are)").hasSize(POSTS);
    assertThat(missingFromPosts).as("acknowledged posts missing from posts").isEmpty();
    assertThat(unassessed).as("posts without an assessment").isEmpty();
    assertThat(assessedTwice).as("posts assessed more than once").isEmpty();
    assertThat(assessments.keySet()).as("assessments of posts never fed").isEqualTo(Set.copyOf(ids()));
    assertThat(badRevisions).as("alerts whose revisions have a gap or a repeat").isEmpty();
    assertThat(revisions).as("the campaigns raised alerts, so their revisions were checked").isNotEmpty();
    stages.values().forEach(stage -> assertThat(stage.kills).as(stage.name + " kills").isEqualTo(KILLS));
  }

  private List<String> ids() {
    List<String> ids = new ArrayList<>(POSTS);
    for (int i = 0; i < POSTS; i++) {
      ids.add(id(i));
    }
    return ids;
  }

  private String id(int i) {
    return "x:" + run + "-" + i;
  }

  /** POSTs every post in batches, each sent again until ingest answers for all of it, spread over {@link #FEED_AT_LEAST}. */
  private void feed(AtomicInteger fed, Set<String> acknowledged) {
    Instant t0 = Instant.now();
    long pauseNanos = FEED_AT_LEAST.toNanos() / Math.max(1, POSTS / BATCH);
    for (int from = 0; from < POSTS; from += BATCH) {
      long due = System.nanoTime() + pauseNanos;
      ArrayNode batch = json.createArrayNode();
      for (int i = from; i < Math.min(POSTS, from + BATCH); i++) {
        ObjectNode post = batch.addObject().put("id", id(i)).put("platform", "x")
            .put("createdAt", t0.minusMillis((POSTS - i) * 10L).toString()).put("text", text(i));
        post.putObject("author").put("id", run + "-acct" + i);
        if ((i / CAMPAIGN_SIZE) % 4 == 0) {
          post.putArray("urls").add("https://crash.example/" + run + "/" + i / CAMPAIGN_SIZE);
        }
      }
      while (!send(batch, acknowledged)) {
        sleep(Duration.ofMillis(250));
      }
      fed.set(Math.min(POSTS, from + BATCH));
      sleep(Duration.ofNanos(Math.max(0, due - System.nanoTime())));
    }
  }

  /** True when ingest accepted every post of the batch; false when it is down, busy, or failed some of them. */
  private boolean send(ArrayNode batch, Set<String> acknowledged) {
    try {
      HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(stages.get("ingest").url() + "/v1/posts"))
          .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode body = json.readTree(reply.body());
      for (JsonNode item : body.path("items")) {
        if ("accepted".equals(item.path("status").asText())) {
          acknowledged.add(item.path("id").asText());
        } else if (!"failed".equals(item.path("status").asText())) {
          throw new AssertionError("ingest did not take a post: " + item); // rejected or skipped: the test's posts are wrong
        }
      }
      return reply.statusCode() == 200;
    } catch (IOException e) {
      return false; // killed or restarting
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A text no other post has, even once digits are ignored: the post's number spelled in syllables,
   * then random words. A post must not be a copy of another (a copy is legitimately re-assessed when its original arrives late).
   */
  private String text(int i) {
    String[] syllables = {"ka", "lo", "mi", "ne", "pu", "ra", "si", "to", "vu", "ze"};
    StringBuilder spelled = new StringBuilder();
    for (char digit : Integer.toString(i).toCharArray()) {
      spelled.append(syllables[digit - '0']);
    }
    Random words = new Random(SEED + i);
    StringBuilder text = new StringBuilder("Report ").append(spelled).append(" from the field:");
    for (int w = 0; w < 10; w++) {
      text.append(' ');
      int length = 3 + words.nextInt(6);
      for (int c = 0; c < length; c++) {
        text.append((char) ('a' + words.nextInt(26)));
      }
    }
    return text.toString();
  }

  /** {@code count} feed positions, sorted, at which a stage is killed. */
  private List<Integer> randomMoments(int count) {
    List<Integer> moments = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      moments.add(random.nextInt(POSTS));
    }
    Collections.sort(moments);
    return moments;
  }

  /** Kills {@code stage} once the feed passed each moment (and the stage is up again), then restarts it. */
  private void killAt(StageProcess stage, List<Integer> moments, AtomicInteger fed) {
    for (int moment : moments) {
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> fed.get() >= moment || fed.get() >= POSTS);
      stage.awaitHealthy();
      sleep(Duration.ofMillis(random.nextInt(3000)));
      stage.kill();
      stage.start();
    }
  }

  /** Stops the node leading partition 0 of posts once the feed passed {@code moment}, and starts it again a little later. */
  private void stopALeaderAt(int moment, AtomicInteger fed) {
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> fed.get() >= moment);
    int leader;
    try (Admin admin = Admin.create(config.kafkaClientProperties())) {
      TopicDescription posts = admin.describeTopics(List.of(Topics.POSTS.name())).allTopicNames().get(60, TimeUnit.SECONDS).get(Topics.POSTS.name());
      leader = posts.partitions().get(0).leader().id();
    } catch (Exception e) {
      throw new IllegalStateException("cannot find the leader of posts-0", e);
    }
    cluster.stopNode(leader);
    System.out.printf("CrashIT: node %d (leader of posts-0) stopped at post %d%n", leader, fed.get());
    int resumeAt = Math.min(POSTS, fed.get() + POSTS / 10);
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> fed.get() >= resumeAt);
    cluster.startNode(leader);
    System.out.printf("CrashIT: node %d started again at post %d%n", leader, fed.get());
  }

  private Map<String, Integer> countByKey(TopicSpec<String, ?> topic) {
    Map<String, Integer> counts = new HashMap<>();
    readAll(topic, (key, value) -> counts.merge(key, 1, Integer::sum));
    return counts;
  }

  /** Every committed record of {@code topic} from its start to its end (the last stable offset), in offset order per partition. */
  private <V> void readAll(TopicSpec<String, V> topic, BiConsumer<String, Object> each) {
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString().toLowerCase(java.util.Locale.ROOT));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props,
        topic.keySerde(config.serdeConfig()).deserializer(), topic.valueSerde(config.serdeConfig()).deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(topic.name(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofSeconds(1))) {
          each.accept(record.key(), record.value());
        }
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One stage as its own JVM: {@code provwatch run <stage>} with this test's classpath, on a fixed HTTP port and data directory. */
  private final class StageProcess {
    final String name;
    final int port = freePort();
    int kills;
    int starts;
    private Process process;

    StageProcess(String name) {
      this.name = name;
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }

    synchronized void start() {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), ProvwatchCommand.class.getName(), "run", name));
      Map<String, String> settings = new TreeMap<>(Map.of(
          ProvwatchConfig.BOOTSTRAP_SERVERS, cluster.bootstrapServers(),
          ProvwatchConfig.SCHEMA_REGISTRY_URL, registry.url(),
          ProvwatchConfig.DATA_DIR, root.resolve(name).toString(),
          ProvwatchConfig.HTTP_PORT, Integer.toString(port),
          ProvwatchConfig.TOPIC_REPLICATION_FACTOR, "3",
          ProvwatchConfig.TOPIC_MIN_INSYNC_REPLICAS, "2",
          ProvwatchConfig.CONSOLE_ENABLED, "false",
          // a killed member leaves its group when its session times out: short, so that a restart waits seconds, not 45
          "kafka.session.timeout.ms", "6000",
          "kafka.heartbeat.interval.ms", "1500"));
      settings.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
      try {
        Path log = root.resolve(name + ".log");
        Files.writeString(log, String.format("%n===== start %d of %s at %s%n", starts + 1, name, Instant.now()),
            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        starts++;
      } catch (IOException e) {
        throw new IllegalStateException("cannot start " + name, e);
      }
    }

    /** Until {@code /health} answers 200; fails, pointing at the log, when the process died or it takes longer than {@link #PATIENCE}. */
    void awaitHealthy() {
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(IOException.class)
          .until(() -> {
            if (!process.isAlive()) {
              throw new AssertionError(name + " exited with " + process.exitValue() + "; see " + root.resolve(name + ".log"));
            }
            return http.send(HttpRequest.newBuilder(URI.create(url() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
          });
    }

    /** SIGKILL: {@link Process#destroyForcibly()} on Linux; waits until the process is gone. */
    synchronized void kill() {
      process.destroyForcibly();
      waitForExit();
      kills++;
    }

    /** SIGTERM: the stage's shutdown hook closes it. */
    synchronized void stop() {
      process.destroy();
      waitForExit();
    }

    synchronized void destroy() {
      if (process != null && process.isAlive()) {
        process.destroyForcibly();
        waitForExit();
      }
    }

    private void waitForExit() {
      try {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}

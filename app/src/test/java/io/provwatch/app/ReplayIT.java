package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.avro.Alert;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.Author;
import io.provwatch.avro.Media;
import io.provwatch.avro.Post;
import io.provwatch.avro.Severity;
import io.provwatch.avro.SourcePosition;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.TopicSpec;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.ScoringService;
import io.provwatch.sink.SinkService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provwatch replay} on the shared broker: the same range replayed twice gives byte-identical
 * alerts, live topics are left alone, and a replay under another config shows its changes in the diff.
 */
class ReplayIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  @TempDir Path dir;

  @Test
  void replayingARangeTwiceGivesIdenticalAlertsLeavesLiveTopicsAloneAndAnotherConfigShowsInTheDiff() throws Exception {
    String run = SharedKafkaCluster.unique("replay");
    // min_repetition 2: the copies and the photo captions share one text each, which alone is no coordination here,
    // so every alert is one post's and the counts below do not depend on the order partitions are read in.
    // Every signal may open an alert (by default media without a digest opens none): the images' alerts are what
    // the stricter replay below removes.
    ProvwatchConfig config = cluster.config(Map.of(ProvwatchConfig.COORDINATION_MIN_REPETITION, "2",
        ProvwatchConfig.SINK_ALERT_OPEN_MIN_SCORES, ""));
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      posts.add(post("mastodon:" + run + "-o" + i, "author-" + i, "Harbour notice " + i + " for run " + run + ": the east pier closes for repairs", i, false));
    }
    for (int i = 0; i < 3; i++) {
      posts.add(post("x:" + run + "-copy" + i, "copier-" + i, posts.get(i).getText(), 10 + i, false));
    }
    for (int i = 0; i < 4; i++) {
      posts.add(post("bluesky:" + run + "-img" + i, "photographer-" + i, "Photo " + i + " of the pier, run " + run, 20 + i, true));
    }

    Instant from;
    Instant to;
    try (StreamsStage scoring = ScoringService.start(config); StreamsStage sink = SinkService.start(config)) {
      scoring.awaitRunning(PATIENCE);
      sink.awaitRunning(PATIENCE);
      from = Instant.ofEpochMilli(System.currentTimeMillis() - 1);
      // the originals are assessed before their copies arrive: live, partitions are read in no fixed order
      TopicRecords.produce(config, Topics.POSTS, posts.subList(0, 6), Post::getId);
      assertThat(TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run + "-o"), 6)).hasSize(6);
      // a record no stage can read: dead-lettered live and in the replay, and accounted for as such
      TopicRecords.produceRaw(config, Topics.POSTS, "x:" + run + "-unreadable", "not avro");
      TopicRecords.produce(config, Topics.POSTS, posts.subList(6, posts.size()), Post::getId);
      to = Instant.ofEpochMilli(System.currentTimeMillis() + 1);
      // 3 copies (critical) and 4 images without digest (low) alert; the originals do not
      List<Alert> live = TopicRecords.readCommitted(config, Topics.ALERTS, a -> a.getPostIds().get(0).contains(run), 7);
      assertThat(live).hasSize(7);
    }

    Map<String, Long> liveEnds = endOffsets(config);
    String r1 = run + "-a";
    String r2 = run + "-b";
    String r3 = run + "-c";
    CliRun first = replay(config, from, to, r1);
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.err()).contains("replay " + r1 + ": reading posts").contains("copying posts: 14 of 14")
        .contains("done: 14 posts, 13 assessed, 1 dead-lettered, 0 missing");
    CliRun second = replay(config, from, to, r2);
    assertThat(second.exitCode()).as(second.err()).isZero();

    List<byte[][]> alerts1 = rawRecords(config, Topics.auditAlerts(r1).name());
    List<byte[][]> alerts2 = rawRecords(config, Topics.auditAlerts(r2).name());
    assertThat(alerts1).hasSize(7);
    assertSameAlertChanges(alerts2, alerts1);
    assertThat(endOffsets(config)).as("live topics untouched by the replays").isEqualTo(liveEnds);
    try (Admin admin = Admin.create(config.kafkaClientProperties())) {
      Set<String> topics = admin.listTopics().names().get();
      assertThat(topics).as("internal topics and the input copy deleted, outputs kept")
          .noneMatch(t -> t.startsWith("provwatch-replay-" + r1)).doesNotContain(Topics.auditPosts(r1).name())
          .contains(Topics.auditAssessments(r1).name(), Topics.auditAlerts(r1).name());
    }

    assertThat(config.dataDir().resolve("replay").resolve(r1)).as("local state of the replay deleted").doesNotExist();
    JsonNode report1 = new ObjectMapper().readTree(dir.resolve("audit-" + r1 + ".json").toFile());
    assertThat(report1.at("/status").asText()).isEqualTo("COMPLETE");
    assertThat(report1.at("/lineage/postsReplayed").asLong()).isEqualTo(14);
    JsonNode accounting = report1.at("/accounting");
    assertThat(accounting.at("/postsInRange").asLong()).as("posts in range = assessed + dead-lettered")
        .isEqualTo(accounting.at("/assessed").asLong() + accounting.at("/deadLettered").asLong()).isEqualTo(14);
    assertThat(accounting.at("/deadLetteredByCode/DESERIALIZATION").asLong()).isEqualTo(1);
    assertThat(accounting.at("/missing").asLong()).isZero();
    assertThat(report1.at("/comparison/comparedPosts").asLong()).as("live assessed the same 13").isEqualTo(13);
    assertThat(report1.at("/lineage/inputTopic").asText()).isEqualTo("posts");
    assertThat(report1.at("/lineage/configHashes").size()).isEqualTo(1);
    assertThat(report1.at("/lineage/modelVersions/0").asText()).startsWith("provwatch-heuristics-1+aitext-2-");
    assertThat(report1.at("/counts/alerts").asInt()).isEqualTo(7);
    assertThat(report1.at("/counts/liveAlerts").asInt()).isEqualTo(7);
    assertThat(kinds(report1)).as("the images' alerts do not depend on how live interleaved partitions").noneMatch(c -> c.contains("-img"));
    List<Assessment> assessments = TopicRecords.readCommitted(config, Topics.auditAssessments(r1), a -> true, 13);
    assertThat(assessments).hasSize(13).allSatisfy(a -> {
      assertThat(a.getInput().getTopic()).as("lineage names the live post").isEqualTo("posts");
      assertThat(a.getConfigHash()).isEqualTo(report1.at("/lineage/configHashes/0").asText());
    });
    String html = Files.readString(dir.resolve("audit-" + r1 + ".html"));
    assertThat(html).contains("<svg").contains("provenance-gap").doesNotContain("<script").doesNotContain("http-equiv").doesNotContain("src=");

    // images without digest risk 0.4: above the live floor of 0.3, below 0.5
    CliRun stricter = replay(config, from, to, r3, "--set", ProvwatchConfig.SINK_MIN_RISK + "=0.5");
    assertThat(stricter.exitCode()).as(stricter.err()).isZero();
    JsonNode report3 = new ObjectMapper().readTree(dir.resolve("audit-" + r3 + ".json").toFile());
    assertThat(report3.at("/lineage/configHashes/0").asText()).isNotEqualTo(report1.at("/lineage/configHashes/0").asText());
    assertThat(kinds(report3)).as("the images' alerts are gone, with the replay's risk as reason")
        .containsAll(List.of("gone " + "bluesky:" + run + "-img0", "gone " + "bluesky:" + run + "-img3"));
    JsonNode gone = report3.at("/diff/0");
    assertThat(gone.at("/kind").asText()).isEqualTo("gone");
    assertThat(gone.at("/reasons").toString()).contains("the replay assessed").contains("risk 0.4000");
    assertThat(endOffsets(config)).as("live topics untouched by the third replay").isEqualTo(liveEnds);
  }

  @Test
  void aCampaignWhosePostsAllShareOneTimestampReplaysToTheSameBytesEveryTime() throws Exception {
    String run = SharedKafkaCluster.unique("ties");
    ProvwatchConfig config = cluster.config(Map.of());
    // every record at the same millisecond: nothing but the replay's own ordering can decide how they interleave
    Instant at = Instant.now().minus(Duration.ofHours(1)).plusMillis(run.hashCode() % 1000);
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      Post p = post("x:" + run + "-m" + i, "account-" + (i % 8), "Read this before they delete it #" + run + " #leak " + (i % 3), i % 4, i % 5 == 0);
      p.setUrls(List.of("https://leak.example/" + run + "/" + (i % 2)));
      p.setHashtags(List.of(run, "leak"));
      posts.add(p);
    }
    TopicRecords.produce(config, Topics.POSTS, posts, Post::getId, p -> at.toEpochMilli());
    Instant from = at;
    Instant to = at.plusMillis(1);

    List<List<byte[][]>> alerts = new ArrayList<>();
    List<List<byte[][]>> assessments = new ArrayList<>();
    for (String r : List.of(run + "-a", run + "-b", run + "-c")) {
      CliRun replayed = replay(config, from, to, r);
      assertThat(replayed.exitCode()).as(replayed.err()).isZero();
      assertThat(replayed.err()).contains("done: 24 posts, 24 assessed, 0 dead-lettered, 0 missing");
      alerts.add(rawRecords(config, Topics.auditAlerts(r).name()));
      assessments.add(rawRecords(config, Topics.auditAssessments(r).name()));
    }
    List<Alert> decoded = TopicRecords.readCommitted(config, Topics.auditAlerts(run + "-a"), a -> true, alerts.get(0).size());
    assertThat(decoded).as("a campaign alert that grew as members joined: its revisions follow the order posts were assessed in")
        .anySatisfy(a -> {
          assertThat(a.getGroupKey()).startsWith("campaign:");
          assertThat(a.getRevision()).isGreaterThan(1);
        });
    // each post once, and again each copy that the replay's order put before its earlier-published original (the same every run)
    assertThat(assessments.get(0)).hasSizeBetween(24, 2 * 24);
    for (int run2 = 1; run2 < 3; run2++) {
      assertSameRecords(assessments.get(run2), assessments.get(0), "assessments");
      assertSameAlertChanges(alerts.get(run2), alerts.get(0));
    }
  }

  /**
   * Every alert's changes byte for byte, in order. Campaign alerts and post alerts come from two topics
   * (campaigns, assessments), so how their changes interleave on the alerts topic may differ between runs.
   */
  private static void assertSameAlertChanges(List<byte[][]> actual, List<byte[][]> expected) {
    assertThat(actual).as("alert changes").hasSize(expected.size());
    Map<String, List<byte[]>> actualById = changesById(actual);
    Map<String, List<byte[]>> expectedById = changesById(expected);
    assertThat(actualById.keySet()).as("alert ids").isEqualTo(expectedById.keySet());
    expectedById.forEach((id, changes) -> {
      assertThat(actualById.get(id)).as("changes of alert %s", id).hasSameSizeAs(changes);
      for (int i = 0; i < changes.size(); i++) {
        assertThat(actualById.get(id).get(i)).as("Avro bytes of change %d of alert %s", i, id).isEqualTo(changes.get(i));
      }
    });
  }

  private static Map<String, List<byte[]>> changesById(List<byte[][]> records) {
    Map<String, List<byte[]>> byId = new java.util.TreeMap<>();
    for (byte[][] r : records) {
      byId.computeIfAbsent(new String(r[0], java.nio.charset.StandardCharsets.UTF_8), k -> new ArrayList<>()).add(r[1]);
    }
    return byId;
  }

  private static void assertSameRecords(List<byte[][]> actual, List<byte[][]> expected, String what) {
    assertThat(actual).as(what).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i)[0]).as("key of %s record %d", what, i).isEqualTo(expected.get(i)[0]);
      assertThat(actual.get(i)[1]).as("Avro bytes of %s record %d", what, i).isEqualTo(expected.get(i)[1]);
    }
  }

  @Test
  void badArgumentsGiveOneClearLine() {
    ProvwatchConfig config = cluster.config(Map.of());
    CliRun backwards = replay(config, Instant.parse("2026-11-20T10:00:00Z"), Instant.parse("2026-11-20T09:00:00Z"), "bad1");
    assertThat(backwards.exitCode()).isNotZero();
    assertThat(backwards.err().strip()).isEqualTo("provwatch replay: --to (2026-11-20T09:00:00Z) must be after --from (2026-11-20T10:00:00Z)");

    CliRun empty = replay(config, Instant.parse("2001-01-01T00:00:00Z"), Instant.parse("2001-01-02T00:00:00Z"), SharedKafkaCluster.unique("empty"));
    assertThat(empty.exitCode()).isNotZero();
    assertThat(empty.err()).contains("provwatch replay: no posts in 2001-01-01T00:00:00Z .. 2001-01-02T00:00:00Z on topic posts");

    CliRun model = replay(config, Instant.parse("2026-11-20T09:00:00Z"), Instant.parse("2026-11-20T10:00:00Z"), "bad2", "--model", "aitext-99");
    assertThat(model.err()).contains("unknown model 'aitext-99': available are aitext-2-");

    CliRun time = CliRun.of("replay", "--from", "yesterday", "--to", "2026-11-20");
    assertThat(time.exitCode()).isNotZero();
    assertThat(time.err()).contains("'yesterday' is not an ISO-8601 time");
  }

  @Test
  void aBrokerThatIsDownIsNamed() {
    ProvwatchConfig config = cluster.config(Map.of(ProvwatchConfig.BOOTSTRAP_SERVERS, "127.0.0.1:1"));
    CliRun down = replay(config, Instant.parse("2026-11-20T09:00:00Z"), Instant.parse("2026-11-20T10:00:00Z"), "down1");
    assertThat(down.exitCode()).isNotZero();
    assertThat(down.err()).contains("provwatch replay: cannot reach Kafka at 127.0.0.1:1");
  }

  private CliRun replay(ProvwatchConfig config, Instant from, Instant to, String runId, String... extra) {
    List<String> args = new ArrayList<>(List.of("replay", "--from", from.toString(), "--to", to.toString(), "--run-id", runId,
        "--report", dir.toString(), "--bootstrap-servers", String.join(",", config.getList(ProvwatchConfig.BOOTSTRAP_SERVERS)),
        "--schema-registry-url", String.join(",", config.getList(ProvwatchConfig.SCHEMA_REGISTRY_URL)),
        "--data-dir", config.dataDir().toString(),
        "--set", ProvwatchConfig.COORDINATION_MIN_REPETITION + "=" + config.getInt(ProvwatchConfig.COORDINATION_MIN_REPETITION)));
    Object openers = config.originals().get(ProvwatchConfig.SINK_ALERT_OPEN_MIN_SCORES);
    if (openers != null) { // the replay applies the alert policy live had
      args.addAll(List.of("--set", ProvwatchConfig.SINK_ALERT_OPEN_MIN_SCORES + "=" + openers));
    }
    args.addAll(Arrays.asList(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static List<String> kinds(JsonNode report) {
    List<String> kinds = new ArrayList<>();
    report.at("/diff").forEach(c -> kinds.add(c.at("/kind").asText() + " " + c.at("/postIds/0").asText()));
    return kinds;
  }

  private static Post post(String id, String author, String text, int second, boolean undigestedImage) {
    Instant at = Instant.parse("2026-11-20T09:00:00Z").plusSeconds(second);
    return Post.newBuilder().setId(id).setPlatform(id.substring(0, id.indexOf(':')))
        .setAuthor(Author.newBuilder().setId(author).setHandle(author + "@example.social").build())
        .setCreatedAt(at).setObservedAt(at.plusSeconds(5)).setText(text)
        .setMedia(undigestedImage ? List.of(Media.newBuilder().setUrl("https://files.example/" + id + ".jpg").setMimeType("image/jpeg").build()) : List.of())
        .setSource(SourcePosition.newBuilder().setConnector("test").setPosition(id).build())
        .build();
  }

  /** End offsets of every live topic of the catalog (the registry's store aside: it records the audit topics' subjects). */
  private static Map<String, Long> endOffsets(ProvwatchConfig config) throws Exception {
    try (Admin admin = Admin.create(config.kafkaClientProperties())) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      List<String> names = Topics.all().stream().filter(t -> t != Topics.SCHEMAS).map(TopicSpec::name).toList();
      admin.describeTopics(names).allTopicNames().get().forEach((name, description) ->
          description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
      return admin.listOffsets(latest).all().get().entrySet().stream()
          .collect(Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().offset()));
    }
  }

  /** Key and value bytes of every committed record of a one-partition topic, in order. */
  private static List<byte[][]> rawRecords(ProvwatchConfig config, String topic) {
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<byte[][]> records = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          records.add(new byte[][] {r.key(), r.value()});
        }
      }
    }
    return records;
  }
}

package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Alert;
import io.provwatch.avro.Author;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.PostPublisher;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.http.HttpSecurity;
import io.provwatch.platform.kafka.EmbeddedKafkaBroker;
import io.provwatch.platform.registry.EmbeddedSchemaRegistry;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.TestCertificates;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.TopicCatalog;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.ScoringService;
import io.provwatch.sink.SinkService;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest, scoring and sink against a broker that speaks only SASL_SSL (SCRAM-SHA-512, a certificate
 * made at test time) and enforces ACLs: each stage runs as its own user holding exactly the ACLs
 * docs/security.md lists for it, so the list is shown to be enough. A wrong password ends
 * {@code provwatch run} with one clear line.
 */
class KafkaSaslSslIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final String SCORING_APP = "sasl-it-scoring";
  private static final String SINK_APP = "sasl-it-sink";

  @TempDir static Path dir;
  private static final Map<String, String> passwords = new HashMap<>();
  private static EmbeddedKafkaBroker broker;
  private static EmbeddedSchemaRegistry registry;
  private static Path trustStore;

  @BeforeAll
  static void start() throws Exception {
    TestCertificates certificates = TestCertificates.create();
    Path keyStore = certificates.writePkcs12KeyStore(dir.resolve("broker.p12"));
    trustStore = certificates.writePemTrustStore(dir.resolve("ca.pem"));
    for (String user : List.of("admin", "ingest", "scoring", "sink")) {
      passwords.put(user, randomPassword());
    }
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), "127.0.0.1", 0, 0, Map.of(),
        new EmbeddedKafkaBroker.SaslSsl(keyStore, TestCertificates.PASSWORD, trustStore, "admin", passwords, true));
    ProvwatchConfig admin = config("admin");
    try (Admin client = Admin.create(admin.kafkaClientProperties())) {
      TopicCatalog.ensureTopics(client, admin); // as an operator does before the stages start (--no-create-topics)
      client.createAcls(stageAcls()).all().get(60, TimeUnit.SECONDS);
    }
    registry = EmbeddedSchemaRegistry.start(admin.kafkaClientProperties(), "127.0.0.1", 0, HttpSecurity.OPEN);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  /** The ACLs of docs/security.md ("Kafka: SASL_SSL and the ACLs of each stage"), for the live topic names and these application ids. */
  private static List<AclBinding> stageAcls() {
    List<AclBinding> acls = new ArrayList<>();
    // ingest: writes posts and their dead letters with an idempotent producer
    allow(acls, "ingest", ResourceType.TOPIC, Topics.POSTS.name(), PatternType.LITERAL, AclOperation.WRITE, AclOperation.DESCRIBE);
    allow(acls, "ingest", ResourceType.TOPIC, Topics.POSTS_DLQ.name(), PatternType.LITERAL, AclOperation.WRITE, AclOperation.DESCRIBE);
    allow(acls, "ingest", ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.IDEMPOTENT_WRITE);
    // scoring: a Streams application (exactly-once), reading posts and the reference topics, writing its outputs
    for (String topic : List.of(Topics.POSTS.name(), Topics.MEDIA_VERDICTS.name(), Topics.FACTCHECKS.name(), Topics.DOMAINS.name(),
        Topics.ASSESSMENTS.name(), Topics.CAMPAIGNS.name())) {
      allow(acls, "scoring", ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
    }
    for (String topic : List.of(Topics.ASSESSMENTS.name(), Topics.CAMPAIGNS.name(), Topics.ASSESSMENTS_DLQ.name())) {
      allow(acls, "scoring", ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE, AclOperation.DESCRIBE);
    }
    streamsApplication(acls, "scoring", SCORING_APP);
    // sink: a Streams application reading assessments and campaigns, writing alerts, their severity topics, mirror and dead letters
    for (String topic : List.of(Topics.ASSESSMENTS.name(), Topics.CAMPAIGNS.name(), Topics.ALERTS.name())) {
      allow(acls, "sink", ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
    }
    allow(acls, "sink", ResourceType.TOPIC, Topics.ALERTS.name(), PatternType.PREFIXED, AclOperation.WRITE, AclOperation.DESCRIBE);
    streamsApplication(acls, "sink", SINK_APP);
    return acls;
  }

  /** What any Streams application needs under its application id: internal topics, its group, its transactions. */
  private static void streamsApplication(List<AclBinding> acls, String user, String applicationId) {
    allow(acls, user, ResourceType.TOPIC, applicationId, PatternType.PREFIXED, AclOperation.ALL);
    allow(acls, user, ResourceType.GROUP, applicationId, PatternType.PREFIXED, AclOperation.READ, AclOperation.DESCRIBE);
    allow(acls, user, ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED, AclOperation.WRITE, AclOperation.DESCRIBE);
    allow(acls, user, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, AclOperation.IDEMPOTENT_WRITE);
  }

  private static void allow(List<AclBinding> acls, String user, ResourceType type, String name, PatternType pattern, AclOperation... operations) {
    for (AclOperation operation : operations) {
      acls.add(new AclBinding(new ResourcePattern(type, name, pattern),
          new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)));
    }
  }

  /** A stage's config: the broker as {@code user}, trusting the test CA. */
  private static ProvwatchConfig config(String user) {
    Map<String, Object> props = new HashMap<>();
    EmbeddedKafkaBroker.SaslSsl.clientProperties(user, passwords.get(user), trustStore)
        .forEach((key, value) -> props.put(ProvwatchConfig.KAFKA_PREFIX + key, value));
    props.put(ProvwatchConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers());
    props.put(ProvwatchConfig.DATA_DIR, dir.resolve("data-" + user).toString());
    props.put(ProvwatchConfig.SCORING_APPLICATION_ID, SCORING_APP);
    props.put(ProvwatchConfig.SINK_APPLICATION_ID, SINK_APP);
    props.put(ProvwatchConfig.HTTP_PORT, "0");
    if (registry != null) {
      props.put(ProvwatchConfig.SCHEMA_REGISTRY_URL, registry.url());
    }
    return new ProvwatchConfig(props);
  }

  @Test
  void ingestScoringAndSinkRunAsTheirOwnUsersWithTheDocumentedAcls() throws Exception {
    String link = "https://leak.example/sasl/files";
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 4; i++) { // four accounts sharing one link within minutes: a campaign, and its alert
      posts.add(Post.newBuilder().setId("x:sasl-" + i).setPlatform("x")
          .setAuthor(Author.newBuilder().setId("sasl-acct" + i).build())
          .setCreatedAt(t0.plusSeconds(10L * i)).setObservedAt(t0.plusSeconds(10L * i)).setText("read this before it is deleted")
          .setUrls(List.of(link)).setSource(SourcePosition.newBuilder().setConnector("test").setPosition(Integer.toString(i)).build())
          .build());
    }
    try (StreamsStage scoring = ScoringService.start(config("scoring")); StreamsStage sink = SinkService.start(config("sink"))) {
      scoring.awaitRunning(PATIENCE);
      sink.awaitRunning(PATIENCE);
      try (PostPublisher ingest = new PostPublisher(config("ingest"), Clock.systemUTC())) {
        CompletableFuture.allOf(posts.stream().map(ingest::publish).toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      }

      ProvwatchConfig reader = config("admin");
      // the four share a text: a copy scored before its original arrived is scored again, so each id once or twice
      for (String id : List.of("x:sasl-0", "x:sasl-1", "x:sasl-2", "x:sasl-3")) {
        assertThat(TopicRecords.readCommitted(reader, Topics.ASSESSMENTS, a -> a.getPostId().equals(id), 1)).as(id).hasSizeBetween(1, 2);
      }
      List<Alert> alerts = TopicRecords.readCommitted(reader, Topics.ALERTS,
          a -> a.getGroupKey().startsWith("campaign:") && a.getPostIds().get(0).startsWith("x:sasl-"), 1);
      assertThat(alerts).isNotEmpty().allSatisfy(a -> assertThat(a.getCategory().toString()).isEqualTo("coordination"));
      assertThat(scoring.isHealthy()).isTrue();
      assertThat(sink.isHealthy()).isTrue();
    }
  }

  @Test
  void aWrongPasswordEndsRunWithOneClearLineAndNoStackTrace() {
    List<String> args = new ArrayList<>(List.of("run", "ingest", "--bootstrap-servers", broker.bootstrapServers(),
        "--data-dir", dir.resolve("data-wrong").toString(), "--set", "http.port=0"));
    EmbeddedKafkaBroker.SaslSsl.clientProperties("ingest", "not-" + passwords.get("ingest"), trustStore)
        .forEach((key, value) -> args.addAll(List.of("--set", ProvwatchConfig.KAFKA_PREFIX + key + "=" + value)));

    CliRun run = CliRun.of(args.toArray(String[]::new));

    assertThat(run.exitCode()).isEqualTo(CliErrors.STARTUP_ERROR);
    assertThat(run.err()).contains("Kafka refused the credentials").contains("invalid credentials").contains("kafka.sasl.jaas.config")
        .doesNotContain("\tat ").doesNotContain("Exception").doesNotContain(passwords.get("ingest"));
  }

  private static String randomPassword() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}

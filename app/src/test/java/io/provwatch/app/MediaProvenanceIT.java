package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.provwatch.avro.Alert;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.Author;
import io.provwatch.avro.CredentialsVerdict;
import io.provwatch.avro.Media;
import io.provwatch.avro.MediaVerdict;
import io.provwatch.avro.Post;
import io.provwatch.avro.Signal;
import io.provwatch.avro.SourcePosition;
import io.provwatch.c2pa.TestAssets;
import io.provwatch.c2pa.TestSigner;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.ScoringService;
import io.provwatch.scoring.media.MediaStage;
import io.provwatch.sink.SinkService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The media stage, scoring and the sink on the shared broker: fixture JPEGs served from 127.0.0.1 are fetched,
 * verified and their provenance gaps show up as reasons in assessments and alerts.
 */
class MediaProvenanceIT {
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  @Test
  void provenanceGapsOfServedMediaReachAssessmentsAndAlerts() throws Exception {
    String run = SharedKafkaCluster.unique("media");
    byte[] plain = TestAssets.jpeg(32, 24);
    TestSigner signer = TestSigner.create(TestSigner.Alg.ES256);
    byte[] captured = created(plain, "urn:c2pa:captured", signer, TestAssets.DIGITAL_CAPTURE);
    byte[] generated = created(plain, "urn:c2pa:generated", signer, TestAssets.TRAINED_ALGORITHMIC_MEDIA);
    byte[] tampered = captured.clone();
    tampered[tampered.length - 3] ^= 0x10; // pixels changed after signing
    Map<String, byte[]> files = Map.of("/captured.jpg", captured, "/generated.jpg", generated, "/tampered.jpg", tampered,
        "/plain.jpg", plain, "/later.jpg", plain);
    Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    HttpServer server = serve(files, hits, Duration.ZERO);
    Function<String, String> url = path -> "http://127.0.0.1:" + server.getAddress().getPort() + path + "?run=" + run;

    ProvwatchConfig config = cluster.config(Map.of(
        ProvwatchConfig.MEDIA_GROUP_ID, "it-media-" + run,
        ProvwatchConfig.MEDIA_ALLOW_PRIVATE_ADDRESSES, "true"));
    List<Post> posts = List.of(
        post(run + "-captured", url.apply("/captured.jpg"), captured),
        post(run + "-captured-again", url.apply("/captured.jpg"), captured),
        post(run + "-generated", url.apply("/generated.jpg"), generated),
        post(run + "-tampered", url.apply("/tampered.jpg"), tampered),
        post(run + "-plain", url.apply("/plain.jpg"), plain),
        post(run + "-gone", url.apply("/gone.jpg"), null));
    try (MediaStage media = MediaStage.start(config)) {
      TopicRecords.produce(config, Topics.POSTS, posts, Post::getId);
      List<MediaVerdict> verdicts = TopicRecords.readCommitted(config, Topics.MEDIA_VERDICTS, v -> v.getUrl().endsWith(run), 5);
      Map<String, MediaVerdict> byPath = verdicts.stream().collect(Collectors.toMap(v -> v.getUrl().replaceAll(".*(/[a-z]+\\.jpg).*", "$1"), v -> v));
      assertThat(byPath.get("/captured.jpg").getVerdict()).isEqualTo(CredentialsVerdict.VALID);
      assertThat(byPath.get("/captured.jpg").getSha256()).isEqualTo(sha256(captured));
      assertThat(byPath.get("/generated.jpg").getAiGenerated()).isTrue();
      assertThat(byPath.get("/tampered.jpg").getFailureCodes()).contains("assertion.dataHash.mismatch");
      assertThat(byPath.get("/plain.jpg").getVerdict()).isEqualTo(CredentialsVerdict.NO_CREDENTIALS);
      assertThat(byPath.get("/gone.jpg").getError()).isEqualTo("media unreachable: HTTP 404");
      assertThat(hits.get("/captured.jpg").get()).as("two posts, one fetch").isEqualTo(1);
    }

    // a new media stage (fresh group: it reads every post again) knows the checked urls from media.verdicts;
    // the new post goes under the captured post's key, so it is read after that one, on the same partition
    ProvwatchConfig restarted = config.with(Map.of(ProvwatchConfig.MEDIA_GROUP_ID, "it-media-again-" + run));
    String plainDigest = sha256(plain);
    try (MediaStage media = MediaStage.start(restarted)) {
      TopicRecords.produce(config, Topics.POSTS, List.of(post(run + "-later", url.apply("/later.jpg"), plain)), p -> posts.get(0).getId());
      assertThat(TopicRecords.readCommitted(config, Topics.MEDIA_VERDICTS, v -> v.getUrl().equals(url.apply("/later.jpg")), 1))
          .singleElement().satisfies(v -> assertThat(v.getSha256()).isEqualTo(plainDigest));
      assertThat(hits.get("/captured.jpg").get()).as("not fetched again after a restart").isEqualTo(1);
    } finally {
      server.stop(0);
    }

    // started after the verdicts exist: Kafka Streams loads the global verdict store before it scores a post
    try (StreamsStage scoring = ScoringService.start(config); StreamsStage sink = SinkService.start(config)) {
      Map<String, Assessment> assessments = TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), 7)
          .stream().collect(Collectors.toMap(a -> a.getPostId().substring(a.getPostId().indexOf(run) + run.length() + 1), a -> a));
      assertThat(reasons(assessments.get("tampered"))).singleElement().asString().contains("edited after signing");
      assertThat(reasons(assessments.get("generated"))).anySatisfy(r -> assertThat(r).contains("AI-generated"));
      assertThat(reasons(assessments.get("captured"))).singleElement().asString().contains("not on the trust list");
      assertThat(reasons(assessments.get("captured-again"))).isEqualTo(reasons(assessments.get("captured")));
      assertThat(reasons(assessments.get("plain"))).singleElement().asString().contains("no Content Credentials");
      assertThat(reasons(assessments.get("gone"))).singleElement().asString().contains("media unreachable: HTTP 404");

      List<Alert> alerts = TopicRecords.readCommitted(config, Topics.ALERTS,
          a -> a.getPostIds().get(0).endsWith(run + "-tampered") || a.getPostIds().get(0).endsWith(run + "-generated"), 2);
      assertThat(alerts).anySatisfy(a -> assertThat(a.getReasons()).anySatisfy(r -> assertThat(r).contains("edited after signing")));
      assertThat(alerts).anySatisfy(a -> assertThat(a.getReasons()).anySatisfy(r -> assertThat(r).contains("AI-generated")));
    }
  }

  @Test
  void postsPublishedWhileEveryStageRunsWaitForTheirVerdictsFromASlowServer() throws Exception {
    String run = SharedKafkaCluster.unique("media-live");
    byte[] plain = TestAssets.jpeg(24, 16);
    byte[] generated = created(plain, "urn:c2pa:live-generated", TestSigner.create(TestSigner.Alg.ES256), TestAssets.TRAINED_ALGORITHMIC_MEDIA);
    // slower than scoring: without the wait, posts would be scored before their verdicts
    HttpServer server = serve(Map.of("/generated.jpg", generated, "/plain.jpg", plain), new ConcurrentHashMap<>(), Duration.ofMillis(1_500));
    Function<String, String> url = path -> "http://127.0.0.1:" + server.getAddress().getPort() + path + "?run=" + run;
    ProvwatchConfig config = cluster.config(Map.of(
        ProvwatchConfig.MEDIA_GROUP_ID, "it-media-" + run,
        ProvwatchConfig.MEDIA_ALLOW_PRIVATE_ADDRESSES, "true"));
    try (MediaStage media = MediaStage.start(config); StreamsStage scoring = ScoringService.start(config)) {
      scoring.awaitRunning(Duration.ofSeconds(60));
      TopicRecords.produce(config, Topics.POSTS, List.of(
          post(run + "-generated", url.apply("/generated.jpg"), generated), post(run + "-plain", url.apply("/plain.jpg"), plain)), Post::getId);
      Map<String, Assessment> assessments = TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), 2)
          .stream().collect(Collectors.toMap(a -> a.getPostId().substring(a.getPostId().indexOf(run) + run.length() + 1), a -> a));
      assertThat(reasons(assessments.get("generated"))).anySatisfy(r -> assertThat(r).contains("AI-generated"));
      assertThat(reasons(assessments.get("plain"))).singleElement().asString().contains("no Content Credentials");
      assertThat(assessments.values()).allSatisfy(a -> assertThat(a.getSignals()).allSatisfy(
          signal -> assertThat(signal.getEvidence()).doesNotContainKey("mediaNotYetChecked")));
    } finally {
      server.stop(0);
    }
  }

  /** {@code plain} signed by {@code signer} with one c2pa.created action of {@code sourceType}. */
  private static byte[] created(byte[] plain, String label, TestSigner signer, String sourceType) throws Exception {
    return TestAssets.signedJpeg(plain, new TestAssets.ManifestSpec(label, signer).action("c2pa.created", sourceType), 65_000);
  }

  /** Serves {@code files} by path on 127.0.0.1 after {@code delay}, counting requests per path; 404 for others. */
  private static HttpServer serve(Map<String, byte[]> files, Map<String, AtomicInteger> hits, Duration delay) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        Thread.sleep(delay.toMillis());
        byte[] body = files.get(path);
        if (body == null) {
          exchange.sendResponseHeaders(404, -1);
        } else {
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return server;
  }

  private static List<String> reasons(Assessment assessment) {
    return assessment.getSignals().stream().filter(s -> s.getName().equals("provenance-credentials"))
        .map(Signal::getReasons).findFirst().orElseThrow();
  }

  /** A post by its own author with one image; its digest given so that only the credentials make it risky. */
  private static Post post(String id, String mediaUrl, byte[] bytes) throws Exception {
    Instant now = Instant.parse("2026-11-20T12:00:00Z");
    return Post.newBuilder().setId("web:" + id).setPlatform("web")
        .setAuthor(Author.newBuilder().setId("author-" + id).build())
        .setCreatedAt(now).setObservedAt(now).setText(caption(id))
        .setMedia(List.of(Media.newBuilder().setUrl(mediaUrl).setMimeType("image/jpeg").setSha256(bytes == null ? null : sha256(bytes)).build()))
        .setSource(SourcePosition.newBuilder().setConnector("test").setPosition(id).build())
        .build();
  }

  /**
   * A caption of its own for each post: near-identical captions by different accounts within minutes
   * are a coordination campaign, whose alert (and which posts join it) would depend on arrival order.
   */
  private static String caption(String id) {
    Map<String, String> captions = Map.of("captured", "Morning fog over the old harbour wall",
        "captured-again", "Fishing boats coming in before the storm", "generated", "A castle floating above neon clouds",
        "tampered", "Crowd outside the town hall at noon", "plain", "Pencil sketch of the lighthouse from the pier",
        "gone", "Sunset behind the ferry terminal", "later", "Rain on the market square stalls");
    String caption = captions.entrySet().stream().filter(e -> id.endsWith("-" + e.getKey())).map(Map.Entry::getValue).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no caption for " + id));
    return caption + " #" + Integer.toHexString(id.hashCode()); // one word of its own: no run shares it with another
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}

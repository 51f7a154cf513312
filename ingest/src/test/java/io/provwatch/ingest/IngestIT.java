package io.provwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.avro.DeadLetter;
import io.provwatch.avro.Post;
import io.provwatch.ingest.formats.CanonicalFormat;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.http.HttpServerHost;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP and file ingest with a real {@link PostPublisher} on the in-process broker and registry. */
class IngestIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();
  private final HttpClient client = HttpClient.newHttpClient();
  private final String run = SharedKafkaCluster.unique("ingest");
  private ProvwatchConfig config;
  private PostPublisher publisher;
  private HttpServerHost host;
  private URI postsUri;

  @BeforeEach
  void start() {
    config = cluster.config(Map.of());
    publisher = new PostPublisher(config, Clock.systemUTC());
    host = HttpServerHost.start("127.0.0.1", config.getInt(ProvwatchConfig.HTTP_PORT));
    host.handle(HttpIngestHandler.PATH, new HttpIngestHandler(new CanonicalPostParser(Clock.systemUTC()), publisher,
        config.getInt(ProvwatchConfig.INGEST_MAX_BODY_BYTES), config.getInt(ProvwatchConfig.INGEST_MAX_BATCH_SIZE)));
    postsUri = URI.create(host.url() + HttpIngestHandler.PATH);
  }

  @AfterEach
  void stop() {
    host.close();
    publisher.close();
  }

  /** A canonical JSON post of this run, e.g. {@code mastodon:<run>-a}. */
  private String post(String nativeId) {
    return "{\"id\":\"mastodon:" + run + "-" + nativeId + "\",\"platform\":\"mastodon\",\"author\":{\"id\":\"alice\"},"
        + "\"createdAt\":\"2026-11-20T09:00:00Z\",\"text\":\"harbour news " + nativeId + "\"}";
  }

  private String id(String nativeId) {
    return "mastodon:" + run + "-" + nativeId;
  }

  private HttpResponse<String> send(String contentType, byte[] body) throws Exception {
    return client.send(HttpRequest.newBuilder(postsUri).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String contentType, String body) throws Exception {
    return send(contentType, body.getBytes(StandardCharsets.UTF_8));
  }

  private List<ConsumerRecord<String, Post>> postsOfThisRun(int expected) {
    return TopicRecords.readCommittedRecords(config, Topics.POSTS, p -> p.getId().contains(run), expected);
  }

  private List<DeadLetter> deadLettersAt(String positionPrefix, int expected) {
    return TopicRecords.readCommitted(config, Topics.POSTS_DLQ, d -> d.getPosition() != null && d.getPosition().startsWith(positionPrefix), expected);
  }

  private static String text(DeadLetter letter) {
    return StandardCharsets.UTF_8.decode(letter.getRaw().duplicate()).toString();
  }

  @Test
  void aMixedJsonBatchPublishesTheValidPostsKeyedByIdAndDeadLettersThePostWithoutId() throws Exception {
    String noId = "{\"platform\":\"mastodon\",\"author\":{\"id\":\"bob\"},\"createdAt\":\"2026-11-20T09:01:00Z\",\"text\":\"" + run + "\"}";
    HttpResponse<String> reply = send("application/json", "[" + post("a") + "," + noId + "," + post("b") + "]");

    assertThat(reply.statusCode()).isEqualTo(207);
    JsonNode json = JSON.readTree(reply.body());
    String requestId = json.get("requestId").asText();
    assertThat(json.get("accepted").asInt()).isEqualTo(2);
    assertThat(json.get("rejected").asInt()).isEqualTo(1);
    assertThat(json.at("/items/0/status").asText()).isEqualTo("accepted");
    assertThat(json.at("/items/0/id").asText()).isEqualTo(id("a"));
    assertThat(json.at("/items/1/status").asText()).isEqualTo("rejected");
    assertThat(json.at("/items/1/code").asText()).isEqualTo("MISSING_FIELD");
    assertThat(json.at("/items/1/reason").asText()).contains("'id'");
    assertThat(json.at("/items/2/id").asText()).isEqualTo(id("b"));

    List<ConsumerRecord<String, Post>> posts = postsOfThisRun(2);
    assertThat(posts).as("each accepted post once, keyed by its id").hasSize(2)
        .allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getId()))
        .extracting(r -> r.value().getId()).containsExactlyInAnyOrder(id("a"), id("b"));
    assertThat(posts).allSatisfy(r -> assertThat(r.value().getSource().getConnector()).isEqualTo(HttpIngestHandler.CONNECTOR));
    assertThat(posts).filteredOn(r -> r.key().equals(id("b"))).singleElement()
        .satisfies(r -> assertThat(r.value().getSource().getPosition()).isEqualTo(requestId + "#2"));

    assertThat(deadLettersAt(requestId, 1)).singleElement().satisfies(d -> {
      assertThat(d.getErrorCode()).isEqualTo("MISSING_FIELD");
      assertThat(d.getMessage()).contains("'id'");
      assertThat(d.getStage()).isEqualTo("ingest");
      assertThat(d.getSource()).isEqualTo(HttpIngestHandler.CONNECTOR);
      assertThat(d.getPosition()).isEqualTo(requestId + "#1");
      assertThat(JSON.readTree(text(d))).isEqualTo(JSON.readTree(noId));
    });
  }

  @Test
  void anNdjsonBatchWithALineThatIsNotJsonPublishesTheOtherLines() throws Exception {
    String broken = "{\"id\":\"mastodon:" + run + "-broken\",\"text\": ";
    HttpResponse<String> reply = send("application/x-ndjson", post("c") + "\n" + broken + "\n" + post("d") + "\n");

    assertThat(reply.statusCode()).isEqualTo(207);
    JsonNode json = JSON.readTree(reply.body());
    String requestId = json.get("requestId").asText();
    assertThat(json.at("/items/1/status").asText()).isEqualTo("rejected");
    assertThat(json.at("/items/1/code").asText()).isEqualTo("MALFORMED_JSON");
    assertThat(json.at("/items/1/reason").asText()).startsWith("line 2 is not valid JSON");

    assertThat(postsOfThisRun(2)).hasSize(2).extracting(ConsumerRecord::key).containsExactlyInAnyOrder(id("c"), id("d"));
    assertThat(deadLettersAt(requestId, 1)).singleElement().satisfies(d -> {
      assertThat(d.getErrorCode()).isEqualTo("MALFORMED_JSON");
      assertThat(d.getMessage()).startsWith("line 2 is not valid JSON").contains("column");
      assertThat(text(d)).isEqualTo(broken);
    });
  }

  @Test
  void aRequestRetriedWithItsIdempotencyKeyOrWithoutOneIsWrittenToKafkaOnce() throws Exception {
    String body = "[" + post("i1") + "," + post("i2") + "]";
    HttpRequest.Builder request = HttpRequest.newBuilder(postsUri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> first = client.send(request.copy().header("Idempotency-Key", run + "-k").build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> keyed = client.send(request.copy().header("Idempotency-Key", run + "-k").build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> unkeyed = client.send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(keyed.statusCode()).isEqualTo(200);
    assertThat(keyed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(JSON.readTree(keyed.body())).isEqualTo(JSON.readTree(first.body()));
    assertThat(unkeyed.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(unkeyed.body()).at("/items/1/duplicate").asBoolean()).isTrue();
    assertThat(postsOfThisRun(2)).as("each post once in the topic").extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder(id("i1"), id("i2"));
  }

  @Test
  void aBodyThatIsNotJsonIsA400AndDeadLetteredWhole() throws Exception {
    String body = "{\"id\":\"mastodon:" + run + "-x\", \"text\": ";
    HttpResponse<String> reply = send("application/json", body);

    assertThat(reply.statusCode()).isEqualTo(400);
    JsonNode json = JSON.readTree(reply.body());
    assertThat(json.get("error").asText()).isEqualTo("MALFORMED_JSON");
    assertThat(json.get("reason").asText()).contains("not valid JSON");
    String requestId = json.get("requestId").asText();
    assertThat(deadLettersAt(requestId, 1)).singleElement().satisfies(d -> {
      assertThat(d.getErrorCode()).isEqualTo("MALFORMED_JSON");
      assertThat(d.getMessage()).contains("not valid JSON").contains("line 1, column");
      assertThat(d.getPosition()).isEqualTo(requestId);
      assertThat(text(d)).isEqualTo(body);
    });
    assertThat(postsOfThisRun(0)).isEmpty();
  }

  @Test
  void aTenMegabyteBodyIsA413WithItsStartDeadLetteredAndTheServerAnswersAfterwards() throws Exception {
    byte[] big = ("[" + (post("big") + ",").repeat(10 * 1024 * 1024 / post("big").length()) + post("big") + "]")
        .getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> reply = send("application/json", big);

    assertThat(reply.statusCode()).isEqualTo(413);
    JsonNode json = JSON.readTree(reply.body());
    assertThat(json.get("error").asText()).isEqualTo("TOO_LARGE");
    assertThat(json.get("reason").asText()).contains(ProvwatchConfig.INGEST_MAX_BODY_BYTES);
    String requestId = json.get("requestId").asText();
    assertThat(deadLettersAt(requestId, 1)).singleElement().satisfies(d -> {
      assertThat(d.getErrorCode()).isEqualTo("TOO_LARGE");
      assertThat(d.getMessage()).contains(ProvwatchConfig.INGEST_MAX_BODY_BYTES);
      byte[] kept = new byte[d.getRaw().remaining()];
      d.getRaw().duplicate().get(kept);
      assertThat(kept).isEqualTo(Arrays.copyOf(big, 64 * 1024));
    });

    HttpResponse<String> after = send("application/json", post("after"));
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(postsOfThisRun(1)).as("nothing of the refused body was published").singleElement()
        .satisfies(r -> assertThat(r.key()).isEqualTo(id("after")));
  }

  @Test
  void aJsonlFilePublishesItsPostsAndDeadLettersTheBadLineWithFileAndLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(run + ".jsonl");
    Files.writeString(file, post("f1") + "\n" + post("f2") + "\n" + "{\"id\": \"mastodon:" + run + "-f3\", \"platform\": \n" + post("f4") + "\n");
    Clock clock = Clock.systemUTC();
    FormatSource source = new FormatSource(new CanonicalFormat(clock), publisher,
        "canonical:file", 64 * 1024, FormatSource.Progress.NONE, clock);

    FormatSource.Summary summary;
    try (var in = Files.newInputStream(file)) {
      summary = source.read(in, file.getFileName().toString());
    }

    assertThat(summary.payloads()).isEqualTo(4);
    assertThat(summary.published()).isEqualTo(3);
    assertThat(summary.deadLettered()).isEqualTo(1);
    assertThat(summary.failed()).isZero();
    List<ConsumerRecord<String, Post>> posts = postsOfThisRun(3);
    assertThat(posts).hasSize(3).allSatisfy(r -> assertThat(r.key()).isEqualTo(r.value().getId()))
        .extracting(ConsumerRecord::key).containsExactlyInAnyOrder(id("f1"), id("f2"), id("f4"));
    assertThat(posts).filteredOn(r -> r.key().equals(id("f4"))).singleElement().satisfies(r -> {
      assertThat(r.value().getSource().getConnector()).isEqualTo("canonical:file");
      assertThat(r.value().getSource().getPosition()).isEqualTo(file.getFileName() + ":4");
    });
    assertThat(deadLettersAt(file.getFileName() + ":", 1)).singleElement().satisfies(d -> {
      assertThat(d.getPosition()).isEqualTo(file.getFileName() + ":3");
      assertThat(d.getSource()).isEqualTo("canonical:file");
      assertThat(d.getErrorCode()).isEqualTo("MALFORMED_JSON");
      assertThat(d.getMessage()).contains("not valid JSON");
      assertThat(text(d)).isEqualTo("{\"id\": \"mastodon:" + run + "-f3\", \"platform\": ");
    });
  }
}

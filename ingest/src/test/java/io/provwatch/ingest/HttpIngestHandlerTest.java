package io.provwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.provwatch.ingest.PostRejection.Code;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.awaitility.Awaitility;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpIngestHandlerTest {
  private static final int LIMIT = 1024 * 1024;
  private final RecordingPostSink sink = new RecordingPostSink();
  private final HttpClient client = HttpClient.newHttpClient();
  private final MovableClock dedupeClock = new MovableClock(CanonicalPostParserTest.NOW);
  private HttpServer server;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    server.createContext(HttpIngestHandler.PATH, new HttpIngestHandler(
        new CanonicalPostParser(Clock.fixed(CanonicalPostParserTest.NOW, ZoneOffset.UTC)), sink, LIMIT, 3,
        new HttpIngestHandler.Idempotency(1000, Duration.ofHours(1), dedupeClock)));
    server.start();
    uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + HttpIngestHandler.PATH);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpResponse<String> post(String contentType, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String idempotencyKey, String contentType, String body) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).header("Content-Type", contentType).header("Idempotency-Key", idempotencyKey)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return CanonicalPostParser.JSON.readTree(response.body());
  }

  private static String post(String id) {
    return "{\"id\":\"bluesky:" + id + "\",\"platform\":\"bluesky\",\"author\":{\"id\":\"did:plc:abc\"},\"createdAt\":\"2026-11-20T09:00:00Z\",\"text\":\"t\"}";
  }

  @Test
  void aRetriedPostIsAcceptedAgainButPublishedOnceAndAFailedOneIsPublishedOnRetry() throws Exception {
    sink.failPostsWith = new IllegalStateException("broker down");
    HttpResponse<String> failed = post("application/json", post("3r1"));
    assertThat(failed.statusCode()).isEqualTo(503);
    sink.failPostsWith = null;
    assertThat(post("application/json", post("3r1")).statusCode()).as("a failed post is not remembered").isEqualTo(200);
    HttpResponse<String> retry = post("application/x-ndjson", post("3r1") + "\n" + post("3r2") + "\n");
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(json(retry).at("/items/0/duplicate").asBoolean()).isTrue();
    assertThat(json(retry).at("/items/0/status").asText()).isEqualTo("accepted");
    assertThat(json(retry).at("/items/1/duplicate").isMissingNode()).isTrue();
    assertThat(sink.posts).extracting(p -> p.getId()).containsExactly("bluesky:3r1", "bluesky:3r2");
    // an edit (a newer editedAt) is a new version: published
    post("application/json", post("3r1").replace("\"text\"", "\"editedAt\":\"2026-11-20T10:00:00Z\",\"text\""));
    assertThat(sink.posts).hasSize(3);
  }

  @Test
  void aRetriedPostIsPublishedAgainOnceTheRetentionHasPassed() throws Exception {
    post("application/json", post("3t1"));
    dedupeClock.advance(Duration.ofMinutes(59));
    assertThat(json(post("application/json", post("3t1"))).at("/items/0/duplicate").asBoolean()).isTrue();
    dedupeClock.advance(Duration.ofMinutes(61)); // unseen for 61 minutes (the retry at 59 kept it longer)
    assertThat(json(post("application/json", post("3t1"))).at("/items/0/duplicate").isMissingNode()).isTrue();
    assertThat(sink.posts).extracting(p -> p.getId()).containsExactly("bluesky:3t1", "bluesky:3t1");
  }

  @Test
  void aRequestRetriedWithItsIdempotencyKeyGetsTheFirstAnswerAgainAndPublishesNothing() throws Exception {
    String body = "[" + post("3i1") + ",{\"id\":1}]";
    HttpResponse<String> first = post("k-1", "application/json", body);
    HttpResponse<String> retry = post("k-1", "application/json", body);

    assertThat(first.statusCode()).isEqualTo(207);
    assertThat(retry.statusCode()).isEqualTo(207);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(json(retry)).as("the same answer, request id included").isEqualTo(json(first));
    assertThat(sink.posts).hasSize(1);
    assertThat(sink.deadLetters).as("the bad item was dead-lettered once").hasSize(1);
  }

  @Test
  void anIdempotencyKeyReusedForAnotherBodyIsRefusedAndABadKeyIsA400() throws Exception {
    post("k-2", "application/json", post("3i2"));
    HttpResponse<String> reused = post("k-2", "application/json", post("3i3"));
    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(json(reused).get("error").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    HttpResponse<String> bad = post("x".repeat(256), "application/json", post("3i4"));
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).get("error").asText()).isEqualTo("BAD_IDEMPOTENCY_KEY");
    assertThat(json(bad).get("reason").asText()).contains("1 to 255 characters");
    assertThat(sink.posts).extracting(p -> p.getId()).containsExactly("bluesky:3i2");
  }

  @Test
  void aFailedRequestIsNotKeptUnderItsIdempotencyKeySoItsRetryPublishes() throws Exception {
    sink.failPostsWith = new IllegalStateException("broker down");
    assertThat(post("k-3", "application/json", post("3i5")).statusCode()).isEqualTo(503);
    sink.failPostsWith = null;
    HttpResponse<String> retry = post("k-3", "application/json", post("3i5"));
    assertThat(retry.statusCode()).isEqualTo(200);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(sink.posts).extracting(p -> p.getId()).containsExactly("bluesky:3i5");
  }

  @Test
  void aRetryWhileTheFirstAttemptIsStillWritingWaitsForThatWriteOrIsTold409() throws Exception {
    sink.holdPosts = true;
    server.stop(0); // replaced by one whose exchanges run side by side (the default runs one at a time)
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    server.setExecutor(Executors.newFixedThreadPool(3, r -> {
      Thread t = new Thread(r, "test-http");
      t.setDaemon(true);
      return t;
    }));
    server.createContext(HttpIngestHandler.PATH, new HttpIngestHandler(
        new CanonicalPostParser(Clock.fixed(CanonicalPostParserTest.NOW, ZoneOffset.UTC)), sink, LIMIT, 3));
    server.start();
    URI threaded = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + HttpIngestHandler.PATH);
    HttpRequest.Builder request = HttpRequest.newBuilder(threaded).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(post("3w1")));
    CompletableFuture<HttpResponse<String>> first = client.sendAsync(request.copy().header("Idempotency-Key", "k-4").build(),
        HttpResponse.BodyHandlers.ofString());
    Awaitility.await().until(() -> sink.held.size() == 1);

    HttpResponse<String> sameKey = client.send(request.copy().header("Idempotency-Key", "k-4").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(sameKey.statusCode()).isEqualTo(409);
    assertThat(sameKey.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(json(sameKey).get("error").asText()).isEqualTo("IDEMPOTENCY_KEY_IN_FLIGHT");
    CompletableFuture<HttpResponse<String>> noKey = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());

    sink.held.get(0).complete(null);
    assertThat(first.get().statusCode()).isEqualTo(200);
    assertThat(noKey.get().statusCode()).isEqualTo(200);
    assertThat(json(noKey.get()).at("/items/0/duplicate").asBoolean()).as("it waited for the first write, or came after it").isTrue();
    assertThat(sink.posts).as("one write of the post").hasSize(1);
  }

  @Test
  void aBodyInAnEncodingJsonDoesNotAllowIsA400NotASilentlyDroppedConnection() throws Exception {
    byte[] ucs4Like = {0x00, 0x00, 0x7b, 0x00, 0x00, 0x00, 0x7d, 0x00}; // found by HttpIngestHandlerFuzzTest's sibling for the registry
    HttpResponse<String> reply = client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(ucs4Like)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).isEqualTo(400);
    assertThat(json(reply).get("error").asText()).isEqualTo("MALFORMED_JSON");
    assertThat(json(reply).get("reason").asText()).contains("UTF-8");
    assertThat(sink.deadLetters).hasSize(1);
  }

  @Test
  void oneValidPostIsAcceptedAfterItIsWritten() throws Exception {
    HttpResponse<String> reply = post("application/json", post("3k1"));
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(json(reply).get("accepted").asInt()).isEqualTo(1);
    assertThat(json(reply).at("/items/0/id").asText()).isEqualTo("bluesky:3k1");
    assertThat(sink.posts).hasSize(1);
    assertThat(sink.posts.get(0).getSource().getConnector()).isEqualTo("http");
  }

  @Test
  void aMixedBatchListsEachItemAndDeadLettersTheBadOnes() throws Exception {
    String body = "[" + post("a") + ", {\"platform\":\"bluesky\",\"author\":{\"id\":\"x\"},\"createdAt\":1}, \"text\"]";
    HttpResponse<String> reply = post("application/json; charset=utf-8", body);
    assertThat(reply.statusCode()).isEqualTo(207);
    JsonNode json = json(reply);
    assertThat(json.get("accepted").asInt()).isEqualTo(1);
    assertThat(json.get("rejected").asInt()).isEqualTo(2);
    assertThat(json.at("/items/1/status").asText()).isEqualTo("rejected");
    assertThat(json.at("/items/1/code").asText()).isEqualTo("MISSING_FIELD");
    assertThat(json.at("/items/1/reason").asText()).contains("'id'");
    assertThat(json.at("/items/2/code").asText()).isEqualTo("NOT_AN_OBJECT");
    assertThat(sink.deadLetters).hasSize(2);
    assertThat(sink.deadLetters.get(0).position()).isEqualTo(json.get("requestId").asText() + "#1");
  }

  @Test
  void malformedJsonIsA400WithTheReasonAndOneDeadLetter() throws Exception {
    HttpResponse<String> reply = post("application/json", "{\"id\": \"x:1\", \"text\": ");
    assertThat(reply.statusCode()).isEqualTo(400);
    assertThat(json(reply).get("error").asText()).isEqualTo("MALFORMED_JSON");
    assertThat(json(reply).get("reason").asText()).contains("not valid JSON");
    assertThat(sink.deadLetters).singleElement().satisfies(d -> assertThat(d.rejection().code()).isEqualTo(Code.MALFORMED_JSON));
    assertThat(sink.posts).isEmpty();
  }

  @Test
  void allRejectedIsA422() throws Exception {
    HttpResponse<String> reply = post("application/json", "{\"id\":\"bluesky:1\"}");
    assertThat(reply.statusCode()).isEqualTo(422);
    assertThat(json(reply).at("/items/0/code").asText()).isEqualTo("MISSING_FIELD");
  }

  @Test
  void aTenMegabyteBodyIsRefusedWith413WithoutBeingBuffered() throws Exception {
    String big = "[" + (post("z") + ",").repeat(10 * 1024 * 1024 / post("z").length()) + post("z") + "]";
    HttpResponse<String> reply = post("application/json", big);
    assertThat(reply.statusCode()).isEqualTo(413);
    assertThat(json(reply).get("reason").asText()).contains("ingest.http.max.body.bytes");
    assertThat(sink.deadLetters).singleElement().satisfies(d -> {
      assertThat(d.rejection().code()).isEqualTo(Code.TOO_LARGE);
      assertThat(d.raw()).hasSize(HttpIngestHandler.OVERSIZE_KEEP_BYTES);
    });
    assertThat(sink.posts).isEmpty();
  }

  @Test
  void tooManyItemsWrongMethodAndWrongTypeAreRefusedClearly() throws Exception {
    String tooMany = "[" + post("1") + "," + post("2") + "," + post("3") + "," + post("4") + "]";
    HttpResponse<String> many = post("application/json", tooMany);
    assertThat(many.statusCode()).isEqualTo(413);
    assertThat(json(many).get("error").asText()).isEqualTo("TOO_MANY_ITEMS");
    assertThat(sink.posts).as("nothing of a refused batch is published").isEmpty();
    assertThat(sink.deadLetters).as("the refused batch is kept where a person can find it").singleElement().satisfies(d -> {
      assertThat(d.rejection().code()).isEqualTo(Code.TOO_MANY_ITEMS);
      assertThat(new String(d.raw(), StandardCharsets.UTF_8)).isEqualTo(tooMany);
    });
    HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    HttpResponse<String> text = post("text/plain", post("1"));
    assertThat(text.statusCode()).isEqualTo(415);
    assertThat(json(text).get("reason").asText()).contains("application/json");
  }

  @Test
  void ndjsonCarriesOnePostPerLine() throws Exception {
    HttpResponse<String> reply = post("application/x-ndjson", post("n1") + "\n" + post("n2") + "\n");
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(sink.posts).hasSize(2);
  }

  @Test
  void anNdjsonLineThatIsNotJsonIsOneRejectedItemAndTheOtherLinesArePublished() throws Exception {
    HttpResponse<String> reply = post("application/x-ndjson", post("n1") + "\n\n{\"id\": \"bluesky:n2\", \"text\": \n" + post("n3") + "\n");
    assertThat(reply.statusCode()).isEqualTo(207);
    JsonNode json = json(reply);
    assertThat(json.at("/items/1/status").asText()).isEqualTo("rejected");
    assertThat(json.at("/items/1/code").asText()).isEqualTo("MALFORMED_JSON");
    assertThat(json.at("/items/1/reason").asText()).startsWith("line 3 is not valid JSON").contains("column");
    assertThat(sink.posts).extracting(p -> p.getId()).containsExactly("bluesky:n1", "bluesky:n3");
    assertThat(sink.deadLetters).singleElement().satisfies(d -> {
      assertThat(new String(d.raw(), StandardCharsets.UTF_8)).isEqualTo("{\"id\": \"bluesky:n2\", \"text\": ");
      assertThat(d.position()).isEqualTo(json.get("requestId").asText() + "#1");
    });
  }

  @Test
  void postsKafkaDoesNotTakeAreReportedAsFailedWith503() throws Exception {
    sink.failPostsWith = new IllegalStateException("not enough replicas");
    HttpResponse<String> reply = post("application/json", post("f1"));
    assertThat(reply.statusCode()).isEqualTo(503);
    assertThat(json(reply).at("/items/0/status").asText()).isEqualTo("failed");
    assertThat(json(reply).at("/items/0/reason").asText()).contains("not enough replicas");
  }
}

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
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpIngestHandlerTest {
  private static final int LIMIT = 1024 * 1024;
  private final RecordingPostSink sink = new RecordingPostSink();
  private final HttpClient client = HttpClient.newHttpClient();
  private HttpServer server;
  private URI uri;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    server.createContext(HttpIngestHandler.PATH, new HttpIngestHandler(
        new CanonicalPostParser(Clock.fixed(CanonicalPostParserTest.NOW, ZoneOffset.UTC)), sink, LIMIT, 3));
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

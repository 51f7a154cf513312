package io.provwatch.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.platform.PlatformStartupException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The wire format of the in-process registry: content type, error bodies, status codes, start-up failures. */
class EmbeddedSchemaRegistryHttpTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private EmbeddedSchemaRegistry registry;

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.startInMemory("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void urlIsLoopbackWithTheActualPort() {
    assertThat(registry.url()).matches("http://127\\.0\\.0\\.1:[1-9][0-9]*");
  }

  @Test
  void registerRepliesWithIdInConfluentContentType() throws Exception {
    HttpResponse<String> reply = send("POST", "/subjects/t-value/versions", schemaBody(SchemaStoreTest.V1));
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(reply.headers().firstValue("Content-Type")).contains("application/vnd.schemaregistry.v1+json");
    assertThat(JSON.readTree(reply.body()).get("id").asInt()).isEqualTo(1);
    JsonNode version = JSON.readTree(send("GET", "/subjects/t-value/versions/1", null).body());
    assertThat(version.get("subject").asText()).isEqualTo("t-value");
    assertThat(version.get("version").asInt()).isEqualTo(1);
    assertThat(version.get("id").asInt()).isEqualTo(1);
    assertThat(JSON.readTree(send("GET", "/subjects/t-value/versions", null).body()).toString()).isEqualTo("[1]");
    assertThat(JSON.readTree(send("GET", "/subjects", null).body()).toString()).isEqualTo("[\"t-value\"]");
  }

  @Test
  void errorsCarryConfluentCodesAndStatuses() throws Exception {
    send("POST", "/subjects/t-value/versions", schemaBody(SchemaStoreTest.V1));
    assertError(send("GET", "/subjects/none/versions/latest", null), 404, 40401);
    assertError(send("GET", "/subjects/t-value/versions/9", null), 404, 40402);
    assertError(send("GET", "/schemas/ids/77", null), 404, 40403);
    assertError(send("POST", "/subjects/t-value/versions", schemaBody(SchemaStoreTest.BREAKING)), 409, 409);
    assertError(send("POST", "/subjects/t-value/versions", "{\"schema\":\"{\\\"type\\\":\\\"nope\\\"}\"}"), 422, 42201);
    assertError(send("PUT", "/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
    assertError(send("GET", "/config/t-value", null), 404, 40408);
    assertError(send("POST", "/subjects/t-value/versions", "{not json"), 400, 400);
    assertError(send("GET", "/no/such/route", null), 404, 404);
  }

  @Test
  void configRepliesLikeConfluent() throws Exception {
    assertThat(JSON.readTree(send("GET", "/config", null).body()).get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
    HttpResponse<String> put = send("PUT", "/config/t-value", "{\"compatibility\":\"FULL\"}");
    assertThat(JSON.readTree(put.body()).get("compatibility").asText()).isEqualTo("FULL");
    assertThat(JSON.readTree(send("GET", "/config/t-value", null).body()).get("compatibilityLevel").asText()).isEqualTo("FULL");
    assertThat(JSON.readTree(send("GET", "/config/other-value?defaultToGlobal=true", null).body())
        .get("compatibilityLevel").asText()).isEqualTo("BACKWARD");
  }

  @Test
  void compatibilityEndpointAnswersIsCompatible() throws Exception {
    send("POST", "/subjects/t-value/versions", schemaBody(SchemaStoreTest.V1));
    HttpResponse<String> ok = send("POST", "/compatibility/subjects/t-value/versions/latest", schemaBody(SchemaStoreTest.V2));
    assertThat(JSON.readTree(ok.body()).get("is_compatible").asBoolean()).isTrue();
    HttpResponse<String> bad = send("POST", "/compatibility/subjects/t-value/versions/1", schemaBody(SchemaStoreTest.BREAKING));
    assertThat(JSON.readTree(bad.body()).get("is_compatible").asBoolean()).isFalse();
  }

  @Test
  void subjectsWithSlashesAndSpacesRoundTripEncoded() throws Exception {
    HttpResponse<String> reply = send("POST", "/subjects/a%2Fb%20c-value/versions", schemaBody(SchemaStoreTest.V1));
    assertThat(reply.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(send("GET", "/subjects", null).body()).get(0).asText()).isEqualTo("a/b c-value");
  }

  @Test
  void aTakenPortIsAPlatformStartupException() {
    int port = URI.create(registry.url()).getPort();
    assertThatThrownBy(() -> EmbeddedSchemaRegistry.startInMemory("127.0.0.1", port))
        .isInstanceOf(PlatformStartupException.class)
        .hasMessageContaining("127.0.0.1:" + port);
  }

  private static void assertError(HttpResponse<String> reply, int status, int code) throws Exception {
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(status);
    assertThat(reply.headers().firstValue("Content-Type")).contains("application/vnd.schemaregistry.v1+json");
    JsonNode body = JSON.readTree(reply.body());
    assertThat(body.get("error_code").asInt()).isEqualTo(code);
    assertThat(body.get("message").asText()).isNotBlank().doesNotContain("error code");
  }

  private static String schemaBody(String schema) {
    return JSON.createObjectNode().put("schema", schema).toString();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.url() + path))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}

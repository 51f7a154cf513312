package io.provwatch.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestSchemaRegistryClientTest {
  private static final Schema SCHEMA = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
  private static final String SECRET = "s3cret-pw";
  private static final String BASIC = "Basic " + Base64.getEncoder()
      .encodeToString(("alice:" + SECRET).getBytes(StandardCharsets.UTF_8));

  private final StandInRegistryServer server = newServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void registerPostsTheNormalisedSchemaToTheEncodedSubject() {
    server.reply(200, "{\"id\":7}");
    int id = new RestSchemaRegistryClient(server.url()).register("a/b c-value", SCHEMA);
    assertThat(id).isEqualTo(7);
    StandInRegistryServer.Request request = server.last();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.rawPath()).isEqualTo("/subjects/a%2Fb%20c-value/versions");
    assertThat(request.contentType()).isEqualTo("application/vnd.schemaregistry.v1+json");
    assertThat(request.body()).isEqualTo("{\"schema\":" + quote(SCHEMA.toString()) + "}");
    assertThat(request.authorization()).isNull();
  }

  @Test
  void schemasByIdAreFetchedOnce() {
    server.reply(200, "{\"schema\":" + quote(SCHEMA.toString()) + "}");
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(server.url());
    assertThat(client.getById(3)).isEqualTo(SCHEMA);
    assertThat(client.getById(3)).isEqualTo(SCHEMA);
    assertThat(server.requests).hasSize(1);
    assertThat(server.last().rawPath()).isEqualTo("/schemas/ids/3");
  }

  @ParameterizedTest(name = "HTTP {0} {1} -> code {2}")
  @CsvSource(delimiter = '|', value = {
      "404 | {\"error_code\":40401,\"message\":\"Subject 'x' not found.\"} | 40401 | Subject 'x' not found.",
      "404 | {\"error_code\":40402,\"message\":\"Version 9 not found.\"}     | 40402 | Version 9 not found.",
      "404 | {\"error_code\":40403,\"message\":\"Schema not found\"}         | 40403 | Schema not found",
      "409 | {\"error_code\":409,\"message\":\"incompatible\"}               | 409   | incompatible",
      "422 | {\"error_code\":42201,\"message\":\"Invalid schema\"}           | 42201 | Invalid schema",
      "500 | {\"error_code\":50001,\"message\":\"store down\"}               | 50001 | store down",
      "500 | {\"message\":\"Illegal compatibility level\",\"error_code\":0}   | 500   | Illegal compatibility level",
  })
  void errorBodiesBecomeTypedExceptions(int status, String body, int code, String message) {
    server.reply(status, body);
    assertThatThrownBy(() -> new RestSchemaRegistryClient(server.url()).getLatest("x"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(code);
          assertThat(e.httpStatus()).isEqualTo(status);
          assertThat(e.getMessage()).contains(message).contains("error code " + code);
        });
  }

  @Test
  void aReplyThatIsNotJsonNamesTheStatusAndTheRequest() {
    server.replyRaw(502, "text/html", "<html>bad gateway</html>");
    assertThatThrownBy(() -> new RestSchemaRegistryClient(server.url()).getLatest("x-value"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(502);
          assertThat(e.getMessage()).contains("HTTP 502 from GET").contains("/subjects/x-value/versions/latest")
              .contains("unreadable reply body");
        });
  }

  @Test
  void compatibilityLevelFallsBackToTheGlobalOneForASubjectWithoutItsOwn() {
    server.reply(404, "{\"error_code\":40408,\"message\":\"Subject 'x' does not have subject-level compatibility configured\"}")
        .reply(200, "{\"compatibilityLevel\":\"FULL\"}");
    assertThat(new RestSchemaRegistryClient(server.url()).getCompatibility("x")).isEqualTo(CompatibilityLevel.FULL);
    assertThat(server.requests.get(0).rawPath()).isEqualTo("/config/x");
    assertThat(server.requests.get(0).rawQuery()).isEqualTo("defaultToGlobal=true");
    assertThat(server.requests.get(1).rawPath()).isEqualTo("/config");
  }

  @Test
  void setCompatibilitySendsConfluentsBodyAndAcceptsEitherReplyField() {
    server.reply(200, "{\"compatibility\":\"FORWARD\"}").reply(200, "{\"compatibilityLevel\":\"FORWARD\"}");
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(server.url());
    client.setCompatibility("s", CompatibilityLevel.FORWARD);
    assertThat(server.last().method()).isEqualTo("PUT");
    assertThat(server.last().body()).isEqualTo("{\"compatibility\":\"FORWARD\"}");
    client.setCompatibility(null, CompatibilityLevel.FORWARD);
    assertThat(server.last().rawPath()).isEqualTo("/config");
  }

  @Test
  void basicAuthFromUserInfo() {
    server.reply(200, "{\"id\":1}");
    SchemaRegistryClient client = SchemaRegistryClients.create(new AvroSerdeConfig(Map.of(
        AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url(),
        AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "USER_INFO",
        AvroSerdeConfig.BASIC_AUTH_USER_INFO, "alice:" + SECRET)));
    client.register("s", SCHEMA);
    assertThat(server.last().authorization()).isEqualTo(BASIC);
    assertThat(client.toString()).doesNotContain(SECRET).contains("basic auth");
  }

  @Test
  void basicAuthFromTheUrlAndTheUrlIsCalledWithoutIt() {
    server.reply(200, "{\"id\":1}");
    SchemaRegistryClient client = SchemaRegistryClients.create(new AvroSerdeConfig(Map.of(
        AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://alice:" + SECRET + "@127.0.0.1:" + server.port() + "/",
        AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE, "URL")));
    client.register("s", SCHEMA);
    assertThat(server.last().authorization()).isEqualTo(BASIC);
    assertThat(server.last().rawPath()).isEqualTo("/subjects/s/versions");
    assertThat(client.toString()).doesNotContain(SECRET).contains("127.0.0.1:" + server.port());
  }

  @Test
  void thePasswordNeverAppearsInExceptionMessages() throws IOException {
    server.reply(401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
    String withCredentials = "http://alice:" + SECRET + "@127.0.0.1:" + server.port();
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(List.of(withCredentials), null, Duration.ofSeconds(5));
    assertThatThrownBy(() -> client.getLatest("s"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(401);
          assertThat(e.getMessage()).doesNotContain(SECRET);
        });

    String dead = "http://alice:" + SECRET + "@127.0.0.1:" + deadPort();
    assertThatThrownBy(() -> new RestSchemaRegistryClient(List.of(dead), null, Duration.ofSeconds(2)).getLatest("s"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.UNREACHABLE);
          assertThat(e).hasMessageContaining("unreachable").hasMessageNotContaining(SECRET);
        });

    assertThatThrownBy(() -> new RestSchemaRegistryClient("http://alice:" + SECRET + " x@127.0.0.1:1/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("***@127.0.0.1:1")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void failsOverToTheNextUrlWhenOneIsUnreachable() throws IOException {
    server.reply(200, "{\"subject\":\"s\",\"version\":2,\"id\":5,\"schema\":" + quote(SCHEMA.toString()) + "}");
    String dead = "http://127.0.0.1:" + deadPort();
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(List.of(dead, server.url()), null, Duration.ofSeconds(2));
    SchemaMetadata latest = client.getLatest("s");
    assertThat(latest.id()).isEqualTo(5);
    assertThat(latest.version()).isEqualTo(2);
    assertThat(latest.schema()).isEqualTo(SCHEMA);
  }

  @Test
  void allUrlsUnreachableIsUnreachable() throws IOException {
    RestSchemaRegistryClient client = new RestSchemaRegistryClient(
        List.of("http://127.0.0.1:" + deadPort(), "http://127.0.0.1:" + deadPort()), null, Duration.ofSeconds(2));
    assertThatThrownBy(() -> client.getById(1))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.UNREACHABLE));
  }

  @Test
  void serdesWithTheSameSettingsShareOneClient() {
    Map<String, Object> settings = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url());
    SchemaRegistryClient first = SchemaRegistryClients.create(new AvroSerdeConfig(settings));
    assertThat(SchemaRegistryClients.create(new AvroSerdeConfig(settings))).isSameAs(first);
    SchemaRegistryClient other = SchemaRegistryClients.create(new AvroSerdeConfig(Map.of(
        AvroSerdeConfig.SCHEMA_REGISTRY_URL, server.url(), AvroSerdeConfig.BASIC_AUTH_USER_INFO, "bob:pw")));
    assertThat(other).isNotSameAs(first);
  }

  @Test
  void noUrlIsRefused() {
    assertThatThrownBy(() -> new RestSchemaRegistryClient(List.of(), null, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int deadPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String quote(String text) {
    return new com.fasterxml.jackson.databind.node.TextNode(text).toString();
  }

  private static StandInRegistryServer newServer() {
    try {
      return new StandInRegistryServer();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

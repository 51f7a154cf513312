package io.provwatch.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.platform.PlatformStartupException;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.TestCertificates;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** API keys with scopes and TLS on a real {@link HttpServerHost}, configured as an operator would. */
class HttpSecurityTest {
  private static final String INGEST_TOKEN = "pw_ingest-token-for-tests-only-0123456789";
  private static final String METRICS_TOKEN = "pw_metrics-token-for-tests-only-012345678";
  private static final String ADMIN_TOKEN = "pw_admin-token-for-tests-only-0123456789ab";
  private static final List<String> KEYS = List.of(
      ApiKeys.entryFor("feeder", EnumSet.of(HttpScope.INGEST), INGEST_TOKEN),
      ApiKeys.entryFor("prometheus", EnumSet.of(HttpScope.METRICS, HttpScope.HEALTH), METRICS_TOKEN),
      ApiKeys.entryFor("ops", EnumSet.of(HttpScope.ADMIN), ADMIN_TOKEN));
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static TestCertificates certificates;

  @BeforeAll
  static void certificates() {
    certificates = TestCertificates.create();
  }

  @Test
  void aRouteAnswers401WithoutAKnownKey403WithoutItsScopeAndServesOtherwise() throws Exception {
    try (HttpServerHost host = HttpServerHost.start("127.0.0.1", 0, HttpSecurity.fromConfig(config(Map.of())))) {
      host.handle("/v1/posts", HttpScope.INGEST, exchange -> {
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      });
      HttpClient client = HttpClient.newHttpClient();
      String url = host.url() + "/v1/posts";

      HttpResponse<String> none = client.send(post(url).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"provwatch\"");
      assertThat(none.headers().firstValue("Content-Type")).contains("application/json");
      assertThat(JSON.readTree(none.body()).at("/scope").asText()).isEqualTo("ingest");

      HttpResponse<String> wrong = client.send(post(url).header("Authorization", "Bearer " + INGEST_TOKEN + "x").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).doesNotContain(INGEST_TOKEN);

      HttpResponse<String> otherScope = client.send(post(url).header("Authorization", "Bearer " + METRICS_TOKEN).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(otherScope.statusCode()).isEqualTo(403);
      JsonNode error = JSON.readTree(otherScope.body());
      assertThat(error.at("/error").asText()).contains("'prometheus'").doesNotContain(METRICS_TOKEN);
      assertThat(error.at("/status").asInt()).isEqualTo(403);

      assertThat(client.send(post(url).header("Authorization", "Bearer " + INGEST_TOKEN).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(204);
      // the token as a Basic-auth password (what registry clients send), and admin holding every scope
      String basic = "Basic " + Base64.getEncoder().encodeToString(("ops:" + ADMIN_TOKEN).getBytes(StandardCharsets.UTF_8));
      assertThat(client.send(post(url).header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(204);

      // health is granted anonymously by default; metrics is not
      assertThat(client.send(get(host.url() + "/health").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      assertThat(client.send(get(host.url() + "/metrics").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
      assertThat(client.send(get(host.url() + "/metrics").header("Authorization", "Bearer " + METRICS_TOKEN).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      // a route added without a scope needs admin
      host.handle("/console", exchange -> {
        exchange.sendResponseHeaders(204, -1);
        exchange.close();
      });
      assertThat(client.send(get(host.url() + "/console").header("Authorization", "Bearer " + INGEST_TOKEN).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
    }
  }

  @Test
  void withoutKeysEveryRouteIsOpenAndWithEmptyAnonymousScopesEvenHealthNeedsAKey() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    try (HttpServerHost open = HttpServerHost.start("127.0.0.1", 0, HttpSecurity.fromConfig(new ProvwatchConfig(Map.of())))) {
      assertThat(client.send(get(open.url() + "/metrics").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
    try (HttpServerHost closed = HttpServerHost.start("127.0.0.1", 0,
        HttpSecurity.fromConfig(config(Map.of(ProvwatchConfig.HTTP_AUTH_ANONYMOUS_SCOPES, ""))))) {
      assertThat(client.send(get(closed.url() + "/health").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void servesHttpsFromAPkcs12OrPemKeyStoreToAClientTrustingTheCa() throws Exception {
    Path pkcs12 = certificates.writePkcs12KeyStore(dir.resolve("server.p12"));
    Path pem = certificates.writePemKeyStore(dir.resolve("server.pem"));
    Path trust = certificates.writePemTrustStore(dir.resolve("ca.pem"));
    for (Map<String, String> store : List.of(
        Map.of(ProvwatchConfig.HTTP_TLS_KEYSTORE_LOCATION, pkcs12.toString(), ProvwatchConfig.HTTP_TLS_KEYSTORE_PASSWORD, TestCertificates.PASSWORD),
        Map.of(ProvwatchConfig.HTTP_TLS_KEYSTORE_LOCATION, pem.toString(), ProvwatchConfig.HTTP_TLS_KEYSTORE_TYPE, "PEM"))) {
      Map<String, String> settings = new HashMap<>(store);
      settings.put(ProvwatchConfig.HTTP_TLS_TRUSTSTORE_LOCATION, trust.toString());
      HttpSecurity security = HttpSecurity.fromConfig(config(settings));
      try (HttpServerHost host = HttpServerHost.start("127.0.0.1", 0, security)) {
        assertThat(host.url()).startsWith("https://127.0.0.1:");
        HttpResponse<String> health = security.clientBuilder().build().send(get(host.url() + "/health").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as(store.toString()).isEqualTo(200);
        // a client that does not trust the CA refuses the server
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(get(host.url() + "/health").build(), HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(SSLHandshakeException.class);
      }
    }
  }

  @Test
  void aBindBeyondLoopbackWithoutKeysAndTlsIsRefusedUnlessInsecure() throws Exception {
    Map<String, String> wildcard = Map.of(ProvwatchConfig.BIND_ADDRESS, "0.0.0.0");
    assertThatThrownBy(() -> HttpSecurity.fromConfig(new ProvwatchConfig(wildcard)))
        .isInstanceOf(PlatformStartupException.class).hasMessageContaining("without API keys and TLS").hasMessageContaining("--insecure");
    Map<String, String> keysOnly = new HashMap<>(wildcard);
    keysOnly.put(ProvwatchConfig.HTTP_AUTH_KEYS, String.join(",", KEYS));
    assertThatThrownBy(() -> HttpSecurity.fromConfig(new ProvwatchConfig(keysOnly))).hasMessageContaining("without TLS");
    Map<String, String> insecure = new HashMap<>(wildcard);
    insecure.put(ProvwatchConfig.HTTP_INSECURE, "true");
    assertThat(HttpSecurity.fromConfig(new ProvwatchConfig(insecure)).isOpen()).isTrue();
    Map<String, String> secured = new HashMap<>(keysOnly);
    secured.put(ProvwatchConfig.HTTP_TLS_KEYSTORE_LOCATION, certificates.writePkcs12KeyStore(dir.resolve("bind.p12")).toString());
    secured.put(ProvwatchConfig.HTTP_TLS_KEYSTORE_PASSWORD, TestCertificates.PASSWORD);
    assertThat(HttpSecurity.fromConfig(new ProvwatchConfig(secured)).scheme()).isEqualTo("https");
  }

  @Test
  void badKeyEntriesAndStoresAreClearErrorsThatNeverShowADigest() {
    String entry = KEYS.get(0);
    String digest = entry.substring(entry.lastIndexOf(':') + 1);
    assertThatThrownBy(() -> new ProvwatchConfig(Map.of(ProvwatchConfig.HTTP_AUTH_KEYS, entry.replace(":ingest:", ":ingest+root:"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("key 'feeder': unknown scope 'root'").hasMessageNotContaining(digest);
    assertThatThrownBy(() -> new ProvwatchConfig(Map.of(ProvwatchConfig.HTTP_AUTH_KEYS, entry + "," + entry)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("key name 'feeder' is used twice").hasMessageNotContaining(digest);
    assertThatThrownBy(() -> new ProvwatchConfig(Map.of(ProvwatchConfig.HTTP_AUTH_KEYS, "feeder:ingest:abc")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("entry 1 is not name:scope+scope:<sha-256 hex of the token>");
    assertThatThrownBy(() -> HttpSecurity.fromConfig(config(Map.of(ProvwatchConfig.HTTP_TLS_KEYSTORE_LOCATION, dir.resolve("missing.p12").toString()))))
        .isInstanceOf(PlatformStartupException.class).hasMessageContaining("http.tls.keystore.location").hasMessageContaining("cannot be read");
  }

  @Test
  void theKeyIsFoundByItsTokenOnly() {
    ApiKeys keys = ApiKeys.parse(KEYS);
    assertThat(keys.authenticate("Bearer " + METRICS_TOKEN)).map(ApiKeys.Key::name).contains("prometheus");
    assertThat(keys.authenticate("bearer " + ADMIN_TOKEN)).map(ApiKeys.Key::name).contains("ops");
    assertThat(keys.authenticate(METRICS_TOKEN)).isEmpty();
    assertThat(keys.authenticate("Bearer ")).isEmpty();
    assertThat(keys.authenticate("Basic not-base64!")).isEmpty();
    assertThat(keys.authenticate("Digest " + METRICS_TOKEN)).isEmpty();
    assertThat(keys.authenticate(null)).isEmpty();
    assertThat(keys.authenticate("Bearer " + METRICS_TOKEN).orElseThrow().toString()).doesNotContain(METRICS_TOKEN);
    assertThat(keys.authenticate("Bearer " + ADMIN_TOKEN).orElseThrow().grants(HttpScope.EXPLAIN)).isTrue();
    assertThat(keys.authenticate("Bearer " + INGEST_TOKEN).orElseThrow().grants(HttpScope.EXPLAIN)).isFalse();
    assertThat(Set.of(HttpScope.values())).allMatch(scope -> HttpScope.fromConfigName(scope.configName()) == scope);
  }

  private static ProvwatchConfig config(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(extra);
    settings.putIfAbsent(ProvwatchConfig.HTTP_AUTH_KEYS, String.join(",", KEYS));
    return new ProvwatchConfig(settings);
  }

  private static HttpRequest.Builder post(String url) {
    return HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString("{}"));
  }

  private static HttpRequest.Builder get(String url) {
    return HttpRequest.newBuilder(URI.create(url)).GET();
  }
}

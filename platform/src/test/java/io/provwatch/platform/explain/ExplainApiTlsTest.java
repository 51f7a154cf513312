package io.provwatch.platform.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.http.ApiKeys;
import io.provwatch.platform.http.HttpScope;
import io.provwatch.platform.http.HttpSecurity;
import io.provwatch.platform.http.HttpServerHost;
import io.provwatch.platform.testing.TestCertificates;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two instances on HTTPS with API keys: a query for a key the other owns is forwarded over HTTPS with the caller's key. */
class ExplainApiTlsTest {
  private static final String EXPLAIN_TOKEN = "pw_explain-token-for-tests-only-01234567";
  private static final String INGEST_TOKEN = "pw_ingest-token-for-tests-only-012345678";

  @TempDir Path dir;

  @Test
  void aQueryIsForwardedToTheOwnerOverHttpsWithTheCallersKey() throws Exception {
    TestCertificates certificates = TestCertificates.create();
    ProvwatchConfig config = new ProvwatchConfig(Map.of(
        ProvwatchConfig.HTTP_AUTH_KEYS, String.join(",", List.of(
            ApiKeys.entryFor("analyst", EnumSet.of(HttpScope.EXPLAIN), EXPLAIN_TOKEN),
            ApiKeys.entryFor("feeder", EnumSet.of(HttpScope.INGEST), INGEST_TOKEN))),
        ProvwatchConfig.HTTP_TLS_KEYSTORE_LOCATION, certificates.writePemKeyStore(dir.resolve("server.pem")).toString(),
        ProvwatchConfig.HTTP_TLS_KEYSTORE_TYPE, "PEM",
        ProvwatchConfig.HTTP_TLS_TRUSTSTORE_LOCATION, certificates.writePemTrustStore(dir.resolve("ca.pem")).toString()));
    HttpSecurity security = HttpSecurity.fromConfig(config);
    ExplainApiUnavailableTest.FakeStage askedStage = new ExplainApiUnavailableTest.FakeStage();
    ExplainApiUnavailableTest.FakeStage ownerStage = new ExplainApiUnavailableTest.FakeStage();
    try (HttpServerHost asked = HttpServerHost.start("127.0.0.1", 0, security);
        HttpServerHost owner = HttpServerHost.start("127.0.0.1", 0, security)) {
      ExplainApi.on(asked, ExplainApi.advertised(config, asked)).route("/v1/alerts/{id}", "alerts-by-id", askedStage);
      ExplainApi.on(owner, ExplainApi.advertised(config, owner)).route("/v1/alerts/{id}", "alerts-by-id", ownerStage);
      KeyQueryMetadata ownedByOwner = new KeyQueryMetadata(new HostInfo("127.0.0.1", owner.port()), Set.of(), 0);
      askedStage.owner = () -> ownedByOwner;
      ownerStage.owner = () -> ownedByOwner;
      ownerStage.value = ExplainApiUnavailableTest::alert;

      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(asked.url() + "/v1/alerts/al-1")).GET();
      HttpResponse<String> refused = security.clientBuilder().build()
          .send(request.copy().header("Authorization", "Bearer " + INGEST_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(ownerStage.requests).as("refused before any forwarding").hasValue(0);

      HttpResponse<String> answer = security.clientBuilder().build()
          .send(request.copy().header("Authorization", "Bearer " + EXPLAIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
      assertThat(answer.headers().firstValue(ExplainApi.SERVED_BY_HEADER)).contains("127.0.0.1:" + owner.port());
      assertThat(new ObjectMapper().readTree(answer.body()).at("/alertId").asText()).isEqualTo("al-1");
      assertThat(ownerStage.requests).as("answered by the owner, reached over HTTPS").hasValue(1);
    }
  }
}

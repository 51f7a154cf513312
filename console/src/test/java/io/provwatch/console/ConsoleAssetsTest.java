package io.provwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.platform.http.HttpServerHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files, WebJars and audit reports over HTTP: served when they are what they claim, 404 otherwise. */
class ConsoleAssetsTest {
  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> get(HttpServerHost host, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(host.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesTheConsoleFilesAndTheWebJarsButNothingElseOfTheClasspath() throws Exception {
    try (HttpServerHost host = HttpServerHost.start("127.0.0.1", 0)) {
      host.handle(StaticAssets.CONSOLE_PREFIX, StaticAssets.console()).handle(StaticAssets.WEBJARS_PREFIX, StaticAssets.webJars());
      HttpResponse<String> js = get(host, "/console/static/console.js");
      assertThat(js.statusCode()).isEqualTo(200);
      assertThat(js.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
      assertThat(js.body()).contains("EventSource('/console/api/alerts/stream')");
      HttpResponse<String> cytoscape = get(host, "/webjars/cytoscape/" + StaticAssets.webJarVersion("cytoscape") + "/dist/cytoscape.min.js");
      assertThat(cytoscape.statusCode()).isEqualTo(200);
      assertThat(cytoscape.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("immutable"));
      assertThat(get(host, "/webjars/uplot/" + StaticAssets.webJarVersion("uplot") + "/dist/uPlot.iife.min.js").statusCode()).isEqualTo(200);

      // an encoded "..": the client leaves it, the server decodes it; never a file outside the prefix
      assertThat(get(host, "/console/static/%2e%2e/Console.class").statusCode()).isEqualTo(404);
      assertThat(get(host, "/webjars/cytoscape/%2e%2e/%2e%2e/maven/org.webjars.npm/cytoscape/pom.properties").statusCode()).isEqualTo(404);
      assertThat(get(host, "/webjars/").statusCode()).isEqualTo(404);
      assertThat(get(host, "/console/static/missing.js").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void listsAuditReportsNewestFirstAndOpensOnlyReportNames(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("audit-old.json"), "{\"runId\":\"old\",\"status\":\"COMPLETE\",\"counts\":{\"alerts\":3}}");
    Files.writeString(dir.resolve("audit-new.json"), "{\"runId\":\"new\",\"status\":\"INCOMPLETE\",\"counts\":{\"alerts\":1}}");
    Files.setLastModifiedTime(dir.resolve("audit-old.json"), java.nio.file.attribute.FileTime.fromMillis(1_000));
    Files.writeString(dir.resolve("audit-broken.json"), "{not json");
    Files.setLastModifiedTime(dir.resolve("audit-broken.json"), java.nio.file.attribute.FileTime.fromMillis(0));
    Files.writeString(dir.resolve("secrets.json"), "{}");
    AuditReports reports = new AuditReports(dir);

    assertThat(reports.list()).extracting(n -> n.path("file").asText())
        .containsExactly("audit-new.json", "audit-old.json", "audit-broken.json");
    assertThat(reports.list().get(0).path("counts").path("alerts").asInt()).isEqualTo(1);
    assertThat(reports.list().get(2).path("error").asText()).startsWith("not readable as JSON");
    assertThat(reports.read("audit-old.json")).isPresent();
    assertThat(reports.read("secrets.json")).isEmpty();
    assertThat(reports.read("../audit-old.json")).isEmpty();
    assertThat(new AuditReports(dir.resolve("absent")).list()).isEmpty();
  }
}

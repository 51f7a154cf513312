package io.provwatch.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tags;
import io.provwatch.platform.PlatformStartupException;
import io.provwatch.platform.metrics.ProvwatchMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HttpServerHostTest {
  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> get(String url) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsDownWhileAnyComponentIsDown() throws Exception {
    AtomicBoolean streamsUp = new AtomicBoolean(false);
    try (HttpServerHost host = HttpServerHost.start("127.0.0.1", 0)) {
      host.healthCheck("kafka", () -> true).healthCheck("scoring", streamsUp::get);
      HttpResponse<String> down = get(host.url() + "/health");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("\"status\":\"DOWN\"").contains("\"scoring\":\"DOWN\"").contains("\"kafka\":\"UP\"");
      streamsUp.set(true);
      assertThat(get(host.url() + "/health").statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aMeterOfTheServerIsServedUntilItCloses() throws Exception {
    AtomicLong published = new AtomicLong(42);
    try (HttpServerHost host = HttpServerHost.start("127.0.0.1", 0)) {
      host.meter(ProvwatchMetrics.functionCounter("provwatch.test.host.published", "Posts published", Tags.of("stage", "test"),
          published, AtomicLong::get));
      HttpResponse<String> reply = get(host.url() + "/metrics");
      assertThat(reply.statusCode()).isEqualTo(200);
      assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
      assertThat(reply.body()).contains("# TYPE provwatch_test_host_published_total counter\n")
          .contains("provwatch_test_host_published_total{stage=\"test\"} 42.0\n");
    }
    assertThat(ProvwatchMetrics.registry().find("provwatch.test.host.published").meters()).isEmpty();
  }

  @Test
  void aTakenPortIsAClearStartupError() {
    try (HttpServerHost first = HttpServerHost.start("127.0.0.1", 0)) {
      assertThatThrownBy(() -> HttpServerHost.start("127.0.0.1", first.port()))
          .isInstanceOf(PlatformStartupException.class)
          .hasMessageContaining(Integer.toString(first.port()))
          .hasMessageContaining("http.port");
    }
  }
}

package io.provwatch.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.platform.PlatformStartupException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
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
  void metricsAreServedInPrometheusTextFormat() throws Exception {
    try (HttpServerHost host = HttpServerHost.start("127.0.0.1", 0)) {
      host.metric("provwatch_posts_published_total", () -> 42).metric("provwatch_lag_seconds", () -> 0.5)
          .metric("provwatch_broken", () -> { throw new IllegalStateException("not ready"); });
      HttpResponse<String> reply = get(host.url() + "/metrics");
      assertThat(reply.statusCode()).isEqualTo(200);
      assertThat(reply.body()).contains("provwatch_posts_published_total 42\n").contains("provwatch_lag_seconds 0.5\n")
          .doesNotContain("provwatch_broken");
    }
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

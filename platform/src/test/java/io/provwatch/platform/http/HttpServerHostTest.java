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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
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

  @Test
  void aRequestBeyondTheQueueIsAnswered503WithRetryAfterAndTheOthersAreServed() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (HttpServerHost host = HttpServerHost.start("127.0.0.1", 0, HttpSecurity.OPEN, new HttpServerHost.Limits(1, 1, 60_000))) {
      host.handle("/slow", HttpScope.INGEST, exchange -> {
        entered.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        byte[] ok = "ok".getBytes();
        exchange.sendResponseHeaders(200, ok.length);
        exchange.getResponseBody().write(ok);
        exchange.close();
      });
      HttpRequest slow = HttpRequest.newBuilder(URI.create(host.url() + "/slow")).GET().build();
      CompletableFuture<HttpResponse<String>> working = client.sendAsync(slow, HttpResponse.BodyHandlers.ofString());
      entered.await(); // the only worker is busy
      CompletableFuture<HttpResponse<String>> waiting = HttpClient.newHttpClient().sendAsync(slow, HttpResponse.BodyHandlers.ofString());
      Awaitility.await().until(() -> host.queuedRequests() == 1); // the only queue slot is taken

      HttpResponse<String> refused = HttpClient.newHttpClient().send(slow, HttpResponse.BodyHandlers.ofString());

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(refused.body()).contains("\"error\":\"OVERLOADED\"").contains("\"status\":503");
      assertThat(host.refusedRequests()).isEqualTo(1);
      release.countDown();
      for (HttpResponse<String> served : List.of(working.get(), waiting.get())) {
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.body()).isEqualTo("ok");
      }
    }
  }
}

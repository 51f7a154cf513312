package io.provwatch.sink.webhook;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/**
 * POSTs one alert change to one endpoint until it is accepted (2xx) or the attempts run out: retries
 * on connection errors, timeouts, 408, 429 and 5xx with exponential backoff (doubling, capped,
 * jittered); any other answer is final. Blocks the calling thread (never a stream thread).
 */
public final class WebhookSender {
  public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
  public static final String ALERT_ID_HEADER = "X-Provwatch-Alert-Id";
  public static final String REVISION_HEADER = "X-Provwatch-Revision";

  /** How the POSTs of one change ended. */
  public sealed interface Outcome {
    int attempts();
  }

  public record Delivered(int attempts, int status) implements Outcome {}

  /** Given up: {@code reason} names the endpoint by host only (urls may carry tokens) and the last failure. */
  public record Failed(int attempts, String code, String reason) implements Outcome {}

  /** Waits between attempts; tests pass one that does not sleep for long. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final HttpClient http;
  private final WebhookSignature signature;
  private final WebhookSettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Random jitter;

  public WebhookSender(WebhookSettings settings, Clock clock, Sleeper sleeper, Random jitter) {
    this.settings = settings;
    this.signature = new WebhookSignature(settings.secret());
    this.clock = clock;
    this.sleeper = sleeper;
    this.jitter = jitter;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** Delivers {@code body} (the change as JSON) to {@code url}, identified by alert id and revision. */
  public Outcome deliver(URI url, String alertId, int revision, byte[] body) throws InterruptedException {
    String lastFailure = "no attempt";
    for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
      if (attempt > 1) {
        sleeper.sleep(backoff(attempt - 1));
      }
      long now = clock.instant().getEpochSecond(); // the timestamp of each attempt, so that a slow retry is not refused as stale
      HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.timeout())
          .header("Content-Type", "application/json")
          .header(ALERT_ID_HEADER, alertId)
          .header(REVISION_HEADER, Integer.toString(revision))
          .header(IDEMPOTENCY_KEY_HEADER, alertId + ":" + revision)
          .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now))
          .header(WebhookSignature.SIGNATURE_HEADER, signature.sign(now, body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .build();
      try {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
          return new Delivered(attempt, status);
        }
        lastFailure = "HTTP " + status;
        if (!retryable(status)) {
          return new Failed(attempt, "WEBHOOK_REJECTED", redacted(url) + " answered " + lastFailure + ", which is not retried");
        }
      } catch (HttpTimeoutException e) {
        lastFailure = "timeout after " + settings.timeout().toMillis() + " ms";
      } catch (IOException e) {
        lastFailure = "connection failed (" + e.getClass().getSimpleName() + ")";
      }
    }
    return new Failed(settings.maxAttempts(), "WEBHOOK_RETRIES_EXHAUSTED",
        redacted(url) + ": gave up after " + settings.maxAttempts() + " attempt(s); last: " + lastFailure);
  }

  /** The wait before retry {@code retry} (1 = first retry): initial * 2^(retry-1), capped, then between half and all of it. */
  Duration backoff(int retry) {
    long base = settings.backoffInitial().toMillis();
    long cap = settings.backoffMax().toMillis();
    long exponential = base;
    for (int i = 1; i < retry && exponential < cap; i++) {
      exponential *= 2;
    }
    exponential = Math.min(exponential, cap);
    long half = exponential / 2;
    return Duration.ofMillis(half + (long) (jitter.nextDouble() * (exponential - half)));
  }

  static boolean retryable(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  /** An endpoint as logs and dead letters may show it: scheme, host and port only (path and query may be the secret). */
  public static String redacted(URI url) {
    return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
  }
}

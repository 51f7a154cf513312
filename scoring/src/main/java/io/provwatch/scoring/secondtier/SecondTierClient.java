package io.provwatch.scoring.secondtier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;

/**
 * Asks the external second-tier detector about one text, without ever blocking the caller: the
 * call runs on the HTTP client's threads and its {@link Outcome} completes a future. At most
 * {@code maxInFlight} calls are under way; a call beyond them, or while the circuit breaker is open,
 * is skipped at once. Every call has the configured timeout.
 *
 * <p>Protocol: {@code POST <endpoint>} with {@code {"postId": "...", "text": "..."}}; the answer is
 * 200 with {@code {"score": <0..1>}} and optionally {@code "model": "<name>"}.
 */
public final class SecondTierClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What became of one request. */
  public sealed interface Outcome {}

  /** The detector's probability that the text is machine-written, and its model name (or "unnamed"). */
  public record Scored(double score, String model) implements Outcome {}

  /** Not sent: all calls busy, or the breaker open. */
  public record Skipped(String reason) implements Outcome {}

  /** Sent, but no usable answer: timeout, connection error, HTTP error, or a body without a valid score. */
  public record Failed(String reason) implements Outcome {}

  private final SecondTierSettings settings;
  private final HttpClient http;
  private final Semaphore inFlight;
  private final CircuitBreaker breaker;

  public SecondTierClient(SecondTierSettings settings) {
    this(settings, new CircuitBreaker(settings.breakerFailures(), settings.breakerOpen(), System::nanoTime));
  }

  SecondTierClient(SecondTierSettings settings, CircuitBreaker breaker) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    this.inFlight = new Semaphore(settings.maxInFlight());
    this.breaker = breaker;
  }

  public SecondTierSettings settings() {
    return settings;
  }

  public CircuitBreaker breaker() {
    return breaker;
  }

  public CompletableFuture<Outcome> submit(String postId, String text) {
    if (!inFlight.tryAcquire()) {
      return CompletableFuture.completedFuture(new Skipped("all " + settings.maxInFlight() + " second-tier calls are busy"));
    }
    if (!breaker.tryAcquire()) {
      inFlight.release();
      return CompletableFuture.completedFuture(new Skipped("circuit breaker open after repeated second-tier failures"));
    }
    ObjectNode body = JSON.createObjectNode().put("postId", postId).put("text", text);
    HttpRequest request = HttpRequest.newBuilder(settings.endpoint())
        .timeout(settings.timeout())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build();
    CompletableFuture<Outcome> outcome;
    try {
      outcome = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
          .orTimeout(settings.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
          .handle((response, error) -> error != null ? failed(error) : parse(response));
    } catch (RuntimeException e) {
      outcome = CompletableFuture.completedFuture(new Failed("request not sent: " + e.getMessage()));
    }
    return outcome.whenComplete((result, error) -> {
      inFlight.release();
      if (result instanceof Scored) {
        breaker.onSuccess();
      } else {
        breaker.onFailure();
      }
    });
  }

  private Outcome parse(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      return new Failed("HTTP " + response.statusCode() + " from " + settings.endpoint());
    }
    try {
      JsonNode node = JSON.readTree(response.body());
      JsonNode score = node.path("score");
      if (!score.isNumber() || !(score.asDouble() >= 0 && score.asDouble() <= 1)) {
        return new Failed("answer without a score within 0..1: " + abbreviate(response.body()));
      }
      return new Scored(score.asDouble(), node.path("model").asText("unnamed"));
    } catch (IOException e) {
      return new Failed("answer is not JSON: " + abbreviate(response.body()));
    }
  }

  private Failed failed(Throwable error) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof TimeoutException || cause instanceof HttpTimeoutException) {
      return new Failed("no answer within " + settings.timeout().toMillis() + " ms");
    }
    return new Failed(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
  }

  private static String abbreviate(String body) {
    return body.length() <= 80 ? body : body.substring(0, 80) + "...";
  }
}

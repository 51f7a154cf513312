package io.provwatch.ingest;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.provwatch.platform.testing.RecordedExchange;
import java.io.IOException;
import java.net.URI;
import io.provwatch.avro.Post;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/posts} on hostile requests: method, content type, {@code Idempotency-Key} and a
 * body that is JSON, NDJSON or neither. Property: every request is answered with a status the
 * handler documents and a JSON object body; a 500 (an unchecked exception the handler caught as
 * the last resort) is a finding. The handler is shared between inputs, so its dedupe memories fill
 * as in a running instance (bounded: 1,000 keys here).
 */
class HttpIngestHandlerFuzzTest {
  private static final HttpIngestHandler HANDLER = new HttpIngestHandler(
      new CanonicalPostParser(Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC)), new DiscardingSink(), 64 * 1024, 50,
      new HttpIngestHandler.Idempotency(1000, Duration.ofHours(1), Clock.systemUTC()));
  private static final String[] METHODS = {"POST", "POST", "POST", "GET", "PUT"};
  private static final String[] CONTENT_TYPES = {"application/json", "application/x-ndjson", "application/json; charset=utf-8",
      "text/plain", ""};
  private static final Set<Integer> DOCUMENTED = Set.of(200, 207, 400, 405, 409, 413, 415, 422);

  @DictionaryEntries({"\"id\"", "\"platform\"", "\"author\"", "\"createdAt\"", "\"editedAt\"", "\"text\"", "\"media\"", "\"urls\"",
      "\"2026-11-20T09:15:00Z\"", "\"x:1\"", "\"mastodon\""})
  @FuzzTest(maxDuration = FuzzBudget.PER_PARSER)
  void handle(FuzzedDataProvider data) throws IOException {
    Map<String, String> headers = new HashMap<>();
    String contentType = data.consumeBoolean() ? data.pickValue(CONTENT_TYPES) : data.consumeString(40);
    headers.put("Content-Type", headerValue(contentType));
    if (data.consumeBoolean()) {
      headers.put("Idempotency-Key", headerValue(data.consumeString(300)));
    }
    String method = data.pickValue(METHODS);
    RecordedExchange exchange = new RecordedExchange(method, URI.create(HttpIngestHandler.PATH), headers, data.consumeRemainingAsBytes());

    HANDLER.handle(exchange);

    if (!DOCUMENTED.contains(exchange.status())) {
      throw new AssertionError("status " + exchange.status() + ": " + new String(exchange.responseBody()));
    }
    JsonNode reply = CanonicalPostParser.JSON.readTree(exchange.responseBody());
    if (reply == null || !reply.isObject() || reply.path("requestId").asText("").isEmpty()) {
      throw new AssertionError("reply is not a JSON object with a requestId: " + reply);
    }
  }

  /** Takes every write at once and keeps nothing: millions of inputs must not pile up. */
  private static final class DiscardingSink implements PostSink {
    @Override
    public CompletableFuture<Void> publish(Post post) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> deadLetter(byte[] raw, String source, String position, PostRejection rejection) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void flush() {
      // nothing buffered
    }
  }

  /** What an HTTP/1.1 header line can carry: the JDK server never passes a line break on. */
  private static String headerValue(String value) {
    return value.replace('\r', ' ').replace('\n', ' ').strip();
  }
}

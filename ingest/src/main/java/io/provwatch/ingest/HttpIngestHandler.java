package io.provwatch.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.PostRejection.Code;
import io.provwatch.platform.http.HttpScope;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/posts}: one canonical JSON post, a JSON array of them, or NDJSON. The reply lists
 * every item as accepted (written to Kafka) or rejected (with code and reason, and dead-lettered).
 * An NDJSON line that is not JSON is one rejected item; the other lines go on.
 *
 * <p>Status: 200 all accepted, 207 some rejected, 422 all rejected, 400 body not JSON, 413 body or
 * batch too large, 415 wrong content type, 405 wrong method, 503 Kafka did not take the posts.
 *
 * <p>Retries: a post this instance wrote lately (same id and {@code editedAt}) is answered accepted
 * with {@code "duplicate": true} and not written again; a request with an {@code Idempotency-Key}
 * gets the answer of its first attempt again ({@link IdempotentReplies}).
 */
public final class HttpIngestHandler implements HttpHandler {
  public static final String PATH = "/v1/posts";
  public static final String CONNECTOR = "http";
  private static final Logger LOG = LoggerFactory.getLogger(HttpIngestHandler.class);
  /** A dead letter of an oversized body keeps this much of it: enough to see what it was. */
  static final int OVERSIZE_KEEP_BYTES = 64 * 1024;
  /** Past this every write has its final outcome ({@link PublishTimeouts#ACK_WAIT}): a failure reported is final. */
  private static final long ACK_TIMEOUT_S = PublishTimeouts.ACK_WAIT.toSeconds();
  /** Beyond this an oversized body is not even drained; the connection is simply closed. */
  private static final long MAX_DISCARD_BYTES = 256L * 1024 * 1024;

  private final CanonicalPostParser parser;
  private final PostSink sink;
  private final int maxBodyBytes;
  private final int maxItems;
  /** Posts (id and edit time) Kafka acknowledged lately, so that a client's retry is not published again. */
  private final RecentKeys<Boolean> acknowledged;
  /** Posts being written now, so that a retry racing the first attempt waits for the same write. */
  private final Map<String, CompletableFuture<Void>> postsInFlight = new ConcurrentHashMap<>();
  private final IdempotentReplies replies;

  /**
   * How long and how many retries are recognised: {@code maxKeys} posts and as many
   * {@code Idempotency-Key}s, each for {@code retention} after it was last seen.
   */
  public record Idempotency(int maxKeys, Duration retention, Clock clock) {
    public static final Idempotency DEFAULT = new Idempotency(100_000, Duration.ofHours(24), Clock.systemUTC());
  }

  public HttpIngestHandler(CanonicalPostParser parser, PostSink sink, int maxBodyBytes, int maxItems) {
    this(parser, sink, maxBodyBytes, maxItems, Idempotency.DEFAULT);
  }

  public HttpIngestHandler(CanonicalPostParser parser, PostSink sink, int maxBodyBytes, int maxItems, Idempotency idempotency) {
    this.parser = parser;
    this.sink = sink;
    this.maxBodyBytes = maxBodyBytes;
    this.maxItems = maxItems;
    this.acknowledged = new RecentKeys<>(idempotency.maxKeys(), idempotency.retention(), idempotency.clock());
    this.replies = new IdempotentReplies(idempotency.maxKeys(), idempotency.retention(), idempotency.clock());
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String requestId = UUID.randomUUID().toString();
    exchange.getResponseHeaders().set("X-Request-Id", requestId);
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        error(exchange, 405, "METHOD_NOT_ALLOWED", "use POST to send posts to " + PATH);
        return;
      }
      String contentType = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
      boolean ndjson = contentType.equals("application/x-ndjson");
      if (!ndjson && !contentType.equals("application/json")) {
        error(exchange, 415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json or application/x-ndjson, got '" + contentType + "'");
        return;
      }
      String idempotencyKey = exchange.getRequestHeaders().getFirst(IdempotentReplies.HEADER);
      String keyProblem = IdempotentReplies.problem(idempotencyKey);
      if (keyProblem != null) {
        error(exchange, 400, "BAD_IDEMPOTENCY_KEY", keyProblem);
        return;
      }
      byte[] body = readBounded(exchange.getRequestBody());
      if (body.length > maxBodyBytes) {
        discardRest(exchange.getRequestBody());
        deadLetterRequest(body, requestId,
            PostRejection.of(Code.TOO_LARGE, "request body larger than " + maxBodyBytes + " bytes (ingest.http.max.body.bytes); refused unread"));
        error(exchange, 413, Code.TOO_LARGE.name(), "request body is larger than the limit of " + maxBodyBytes
            + " bytes (ingest.http.max.body.bytes); send smaller batches");
        return;
      }
      if (idempotencyKey == null) {
        send(exchange, answer(requestId, ndjson, body));
        return;
      }
      Object caller = exchange.getAttribute(HttpScope.CALLER_ATTRIBUTE);
      IdempotentReplies.Claim claim = replies.claim(caller == null ? "" : caller.toString(), idempotencyKey, contentType, body);
      if (claim.earlier() != null) {
        exchange.getResponseHeaders().set(IdempotentReplies.REPLAYED_HEADER, "true");
        send(exchange, claim.earlier());
      } else if (claim.refusal() != null) {
        if (claim.refusal().status() == 409) {
          exchange.getResponseHeaders().set("Retry-After", "1");
        }
        error(exchange, claim.refusal().status(), claim.refusal().code(), claim.refusal().reason());
      } else {
        Reply reply = null;
        try {
          reply = answer(requestId, ndjson, body);
        } finally {
          claim.complete(reply);
        }
        send(exchange, reply);
      }
    } catch (IOException e) {
      LOG.warn("Request {}: {}", requestId, e.getMessage());
    } catch (RuntimeException e) { // never let one request take the server thread down without an answer
      LOG.error("Request {} failed", requestId, e);
      error(exchange, 500, "INTERNAL", "internal error, request id " + requestId);
    }
  }

  /** The answer to a readable body: parsed, published, each item's outcome. */
  private Reply answer(String requestId, boolean ndjson, byte[] body) throws IOException {
    List<Item> items;
    try {
      items = ndjson ? ndjsonItems(body) : jsonItems(body);
    } catch (JsonProcessingException e) {
      String reason = "body is " + CanonicalPostParser.describe(e);
      deadLetterRequest(body, requestId, PostRejection.of(Code.MALFORMED_JSON, reason));
      return Reply.error(requestId, 400, Code.MALFORMED_JSON.name(), reason);
    }
    if (items.size() > maxItems) {
      String reason = items.size() + " posts in one request, more than " + maxItems + " (ingest.http.max.batch.size)";
      deadLetterRequest(body, requestId, PostRejection.of(Code.TOO_MANY_ITEMS, reason + "; none was published"));
      return Reply.error(requestId, 413, Code.TOO_MANY_ITEMS.name(), reason + "; send smaller batches");
    }
    return ingest(requestId, items);
  }

  private Reply ingest(String requestId, List<Item> items) throws JsonProcessingException {
    ObjectNode reply = CanonicalPostParser.JSON.createObjectNode();
    reply.put("requestId", requestId);
    ArrayNode results = CanonicalPostParser.JSON.createArrayNode();
    List<CompletableFuture<Void>> writes = new ArrayList<>();
    List<ObjectNode> writeResults = new ArrayList<>();
    int accepted = 0;
    int rejected = 0;
    for (int i = 0; i < items.size(); i++) {
      String position = requestId + "#" + i;
      ObjectNode item = results.addObject();
      item.put("index", i);
      Item sent = items.get(i);
      ParseResult result = sent.malformed() != null ? new ParseResult.Rejected(sent.malformed())
          : parser.parse(sent.json(), SourcePosition.newBuilder().setConnector(CONNECTOR).setPosition(position).build());
      if (result instanceof ParseResult.Parsed parsed) {
        item.put("id", parsed.post().getId());
        item.put("status", "accepted");
        CompletableFuture<Void> write = publishOnce(parsed.post());
        if (write == null) {
          item.put("duplicate", true); // a retry of a post Kafka already has (the client missed our answer)
        } else {
          writes.add(write);
          writeResults.add(item);
        }
        accepted++;
      } else if (result instanceof ParseResult.Skipped skipped) {
        item.put("status", "skipped").put("kind", skipped.skip().kind().name()).put("reason", skipped.skip().message());
      } else {
        PostRejection rejection = ((ParseResult.Rejected) result).rejection();
        JsonNode idNode = sent.json() == null ? null : sent.json().get("id");
        if (idNode != null && idNode.isTextual()) {
          item.put("id", idNode.asText());
        }
        item.put("status", "rejected").put("code", rejection.code().name()).put("reason", rejection.message());
        writes.add(sink.deadLetter(sent.raw(), CONNECTOR, position, rejection));
        writeResults.add(null);
        rejected++;
      }
    }
    int failed = awaitWrites(writes, writeResults);
    accepted -= failed;
    reply.put("accepted", accepted).put("rejected", rejected);
    if (failed > 0) {
      reply.put("failed", failed);
    }
    reply.set("items", results);
    int status = failed > 0 ? 503 : rejected == 0 ? 200 : accepted == 0 ? 422 : 207;
    return new Reply(status, reply);
  }

  /**
   * Publishes a post unless this instance has it already: null when Kafka acknowledged the same post
   * (id and edit) within the remembered ones, the write in flight when another request (or an earlier
   * item of this one) is publishing it now, else a new write.
   */
  private CompletableFuture<Void> publishOnce(Post post) {
    String key = post.getId() + "@" + post.getEditedAt(); // an edit (a newer editedAt) is published again
    if (acknowledged.contains(key)) {
      return null;
    }
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> other = postsInFlight.putIfAbsent(key, mine);
    if (other != null) {
      return other;
    }
    CompletableFuture<Void> write;
    try {
      write = sink.publish(post);
    } catch (RuntimeException e) { // a sink that throws instead of failing the future: the same to us
      write = CompletableFuture.failedFuture(e);
    }
    write.whenComplete((ok, error) -> {
      if (error == null) {
        acknowledged.add(key); // before leaving the in-flight map, so no retry slips between the two
      }
      postsInFlight.remove(key, mine);
      if (error == null) {
        mine.complete(null);
      } else {
        mine.completeExceptionally(error);
      }
    });
    return mine;
  }

  /** Waits for the broker's acks; an accepted item whose write failed is reported as failed. */
  private int awaitWrites(List<CompletableFuture<Void>> writes, List<ObjectNode> items) {
    int failed = 0;
    for (int i = 0; i < writes.size(); i++) {
      try {
        writes.get(i).get(ACK_TIMEOUT_S, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed += markFailed(items.get(i), "interrupted before Kafka acknowledged");
      } catch (ExecutionException | TimeoutException e) {
        String why = e instanceof TimeoutException ? "no acknowledgement from Kafka within " + ACK_TIMEOUT_S + "s"
            : "Kafka did not accept it: " + e.getCause().getMessage();
        failed += markFailed(items.get(i), why);
      }
    }
    return failed;
  }

  private static int markFailed(ObjectNode item, String reason) {
    if (item == null) {
      return 0; // a dead letter that failed: the reply already says rejected; logged by the sink
    }
    item.put("status", "failed").put("code", Code.PUBLISH_FAILED.name()).put("reason", reason + "; retry later");
    return 1;
  }

  /**
   * One post of a request as sent: its JSON, or for an NDJSON line that is not JSON, why not.
   *
   * @param line the NDJSON line as sent; null for an item of a JSON body
   */
  private record Item(JsonNode json, byte[] line, PostRejection malformed) {
    /** What a dead letter keeps: the line as sent, or the item of a JSON body. */
    byte[] raw() throws JsonProcessingException {
      return line != null ? line : CanonicalPostParser.JSON.writeValueAsBytes(json);
    }
  }

  private static List<Item> jsonItems(byte[] body) throws IOException {
    JsonNode root;
    try {
      root = CanonicalPostParser.JSON.readTree(body);
    } catch (CharConversionException e) { // Jackson's encoding detection gave up (e.g. "UCS-4" byte orders): still bad JSON
      throw new UnreadableBody("not a JSON text in UTF-8 (" + e.getMessage() + ")");
    }
    if (root == null || root.isMissingNode()) {
      throw new UnreadableBody("empty body: expected a JSON object or array");
    }
    List<Item> items = new ArrayList<>();
    if (root.isArray()) {
      root.forEach(node -> items.add(new Item(node, null, null)));
    } else {
      items.add(new Item(root, null, null));
    }
    return items;
  }

  /** One item per non-blank line; a line that is not JSON is a rejected item, so the lines around it still count. */
  private static List<Item> ndjsonItems(byte[] body) {
    List<Item> items = new ArrayList<>();
    String[] lines = new String(body, StandardCharsets.UTF_8).split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        continue;
      }
      byte[] raw = line.getBytes(StandardCharsets.UTF_8);
      try {
        items.add(new Item(CanonicalPostParser.JSON.readTree(line), raw, null));
      } catch (JsonProcessingException e) {
        items.add(new Item(null, raw, PostRejection.of(Code.MALFORMED_JSON, CanonicalPostParser.describeLine(e, i + 1))));
      }
    }
    return items;
  }

  /** Reads at most maxBodyBytes + 1 bytes: enough to know the body is too large without holding all of it. */
  private byte[] readBounded(InputStream in) throws IOException {
    return in.readNBytes(maxBodyBytes + 1);
  }

  /**
   * Reads and drops what is left of an oversized body, up to a bound, without keeping it: a reply sent
   * while the client is still writing would be lost in a connection reset.
   */
  private static void discardRest(InputStream in) throws IOException {
    byte[] scratch = new byte[64 * 1024];
    long left = MAX_DISCARD_BYTES;
    int n;
    while (left > 0 && (n = in.read(scratch, 0, (int) Math.min(scratch.length, left))) > 0) {
      left -= n;
    }
  }

  private static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    int semicolon = header.indexOf(';');
    return (semicolon >= 0 ? header.substring(0, semicolon) : header).trim().toLowerCase(Locale.ROOT);
  }

  private static void error(HttpExchange exchange, int status, String code, String reason) throws IOException {
    send(exchange, Reply.error(exchange.getResponseHeaders().getFirst("X-Request-Id"), status, code, reason));
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] bytes = reply.bytes();
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** An answer: its status and JSON body. */
  record Reply(int status, JsonNode body) {
    static Reply error(String requestId, int status, String code, String reason) {
      ObjectNode body = CanonicalPostParser.JSON.createObjectNode();
      body.put("requestId", requestId);
      body.put("error", code).put("reason", reason);
      return new Reply(status, body);
    }

    byte[] bytes() throws JsonProcessingException {
      return CanonicalPostParser.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    }
  }

  /** An empty body, or one in no encoding JSON allows, is malformed JSON too, with a reason that says so. */
  private static final class UnreadableBody extends JsonProcessingException {
    UnreadableBody(String reason) {
      super(reason);
    }
  }

  /**
   * Dead-letters a whole request that was refused. At most {@link #OVERSIZE_KEEP_BYTES} of the body are
   * kept, so that the dead letter itself always fits in a Kafka record.
   */
  private void deadLetterRequest(byte[] body, String requestId, PostRejection rejection) {
    if (body.length <= OVERSIZE_KEEP_BYTES) {
      sink.deadLetter(body, CONNECTOR, requestId, rejection);
      return;
    }
    sink.deadLetter(Arrays.copyOf(body, OVERSIZE_KEEP_BYTES), CONNECTOR, requestId, PostRejection.of(rejection.code(),
        rejection.message() + " (only the first " + OVERSIZE_KEEP_BYTES + " bytes are kept)"));
  }
}

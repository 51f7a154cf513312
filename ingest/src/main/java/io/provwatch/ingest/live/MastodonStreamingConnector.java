package io.provwatch.ingest.live;

import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection;
import io.provwatch.ingest.PostSink;
import io.provwatch.ingest.formats.MastodonStatusFormat;
import io.provwatch.ingest.formats.PostNormaliser;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Mastodon's streaming API: server-sent events from {@code /api/v1/streaming/<timeline>} with the
 * access token as {@code Authorization: Bearer}; {@code update} and {@code status.update} events
 * are published (read by {@link MastodonStatusFormat}), {@code delete} and other events counted.
 *
 * <p>Resume: the streaming API has no cursor, so the cursor is the newest status id published
 * ({@code last_status_id}). After a reconnect or restart the stream is opened first and, while
 * its events wait in the connection, the gap is back-filled from the matching REST timeline
 * ({@code GET /api/v1/timelines/...?min_id=<last id>}, pages of 40, oldest first, at most
 * {@code backfill.max.pages}); then the stream is read. The overlap between back-fill and stream
 * is dropped by dedupe. Edits ({@code status.update}) and deletions made while disconnected are
 * not in a timeline and are not recovered.
 */
public final class MastodonStreamingConnector extends LiveConnector {
  public static final String KIND = "mastodon-stream";
  static final String LAST_STATUS_ID = "last_status_id";
  static final int PAGE_SIZE = 40;
  private static final int MAX_LINE_BYTES = 4 * 1024 * 1024;
  private static final int MAX_PAGE_BYTES = 16 * 1024 * 1024;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient client;
  private final String base;
  private final String streamingBase;
  private final String token;
  private final String timeline;
  private final int backfillMaxPages;
  private final MastodonStatusFormat format;
  private volatile HttpLines lines;
  /** The id before the first status this process received: where to back-fill from if nothing was acknowledged yet. */
  private volatile String beforeFirstReceived;

  /**
   * @param base the server, e.g. {@code https://mastodon.social}; its host qualifies status ids
   * @param streamingBase the streaming server when it is another one, else null
   * @param token access token or null; sent only in the Authorization header, never logged
   * @param timeline {@code public}, {@code public:local}, {@code user} or {@code hashtag:<tag>}
   */
  public MastodonStreamingConnector(ConnectorSettings settings, PostSink sink, URI base, URI streamingBase, String token,
      String timeline, int backfillMaxPages, PostNormaliser normaliser) {
    super(settings, sink);
    this.client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    this.base = withoutTrailingSlash(base);
    this.streamingBase = streamingBase == null ? this.base : withoutTrailingSlash(streamingBase);
    this.token = token == null || token.isBlank() ? null : token.strip();
    this.timeline = timeline;
    this.backfillMaxPages = backfillMaxPages;
    this.format = new MastodonStatusFormat(base.getPort() < 0 ? base.getHost() : base.getHost() + ":" + base.getPort(), normaliser);
  }

  @Override
  protected String endpoint() {
    return streamingBase + streamPath();
  }

  String streamPath() {
    return switch (timeline) {
      case "public" -> "/api/v1/streaming/public";
      case "public:local" -> "/api/v1/streaming/public/local";
      case "user" -> "/api/v1/streaming/user";
      default -> "/api/v1/streaming/hashtag?tag=" + encode(hashtag());
    };
  }

  /** The REST timeline of the streamed one, with {@code min_id} to page forward from. */
  String timelinePath(String minId) {
    String query = "min_id=" + encode(minId) + "&limit=" + PAGE_SIZE;
    return switch (timeline) {
      case "public" -> "/api/v1/timelines/public?" + query;
      case "public:local" -> "/api/v1/timelines/public?local=true&" + query;
      case "user" -> "/api/v1/timelines/home?" + query;
      default -> "/api/v1/timelines/tag/" + encode(hashtag()) + "?" + query;
    };
  }

  private String hashtag() {
    return timeline.substring(timeline.indexOf(':') + 1);
  }

  @Override
  protected void session(Map<String, String> cursor) throws Exception {
    HttpLines stream = new HttpLines(MAX_LINE_BYTES);
    lines = stream;
    if (!running()) {
      return;
    }
    try {
      open(stream);
      String lastId = cursor.getOrDefault(LAST_STATUS_ID, beforeFirstReceived);
      if (lastId != null && backfillMaxPages > 0) {
        lastId = backfill(lastId); // the stream's events wait in the connection meanwhile
      }
      readEvents(stream, lastId);
    } finally {
      stream.cancel();
    }
  }

  private void open(HttpLines stream) throws IOException, InterruptedException {
    CompletableFuture<HttpResponse.ResponseInfo> headers = new CompletableFuture<>();
    client.sendAsync(request(URI.create(endpoint())).header("Accept", "text/event-stream").GET().build(), info -> {
      headers.complete(info);
      return stream;
    }).whenComplete((response, error) -> {
      if (error != null) {
        headers.completeExceptionally(error);
      }
    });
    HttpResponse.ResponseInfo info;
    try {
      info = headers.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException("no answer from " + endpoint() + " within " + REQUEST_TIMEOUT.toSeconds() + " s");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(String.valueOf(e.getCause()), e.getCause());
    }
    if (info.statusCode() != 200) {
      throw new IOException("HTTP " + info.statusCode() + " from GET " + streamPath() + hint(info.statusCode()));
    }
    connected(endpoint());
  }

  private void readEvents(HttpLines stream, String lastId) throws Exception {
    ServerSentEvents events = new ServerSentEvents();
    long received = 0;
    long silentSince = System.nanoTime();
    while (running()) {
      HttpLines.Line line = stream.next(Duration.ofMillis(Math.min(1000, settings.idleTimeout().toMillis())));
      if (line == null) {
        if (System.nanoTime() - silentSince > settings.idleTimeout().toNanos()) {
          throw new IOException("nothing received for " + settings.idleTimeout().toMillis() + " ms, not even a heartbeat");
        }
        heartbeat(); // acknowledgements may have come in since the last event: a checkpoint may be due
        continue;
      }
      silentSince = System.nanoTime();
      String position = streamPath() + " event " + (received + 1) + " after status " + (lastId == null ? "(none)" : lastId);
      if (line.truncated()) {
        received++;
        publish(List.of(new ParseResult.Rejected(PostRejection.of(PostRejection.Code.TOO_LARGE,
            "server-sent event line longer than " + MAX_LINE_BYTES + " bytes; only its start is kept"))), line.bytes(), position, cursor(lastId));
        events.end(); // the event it belonged to is broken
        continue;
      }
      ServerSentEvents.Event event = events.line(new String(line.bytes(), StandardCharsets.UTF_8));
      if (event == null) {
        heartbeat();
        continue;
      }
      received++;
      List<ParseResult> results = format.parseStreamingEvent(event.name(), event.data(), position(position));
      if (beforeFirstReceived == null && lastId == null) {
        beforeFirstReceived = predecessor(newest(null, results));
      }
      lastId = newest(lastId, results);
      publish(results, event.data().getBytes(StandardCharsets.UTF_8), position, cursor(lastId));
    }
  }

  /** Reads the REST timeline forward from {@code sinceId}; returns the newest id published. */
  private String backfill(String sinceId) throws Exception {
    String newest = sinceId;
    for (int page = 0; page < backfillMaxPages && running(); page++) {
      String path = timelinePath(newest);
      HttpResponse<byte[]> response = HttpBodies.send(client, request(URI.create(base + path)).header("Accept", "application/json").GET().build(),
          MAX_PAGE_BYTES, REQUEST_TIMEOUT);
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode() + " from back-fill GET " + path + hint(response.statusCode()));
      }
      List<ParseResult> results = format.parse(response.body(), position("GET " + path));
      String next = newest(newest, results);
      publish(results, true, response.body(), "GET " + path, cursor(next)); // pages are newest first
      if (results.size() < PAGE_SIZE || next.equals(newest)) {
        log.info("source {}: back-filled {} page(s) after status {}", settings.source(), page + 1, sinceId);
        return next;
      }
      newest = next;
    }
    if (running()) {
      log.warn("source {}: back-fill stopped after {} pages (backfill.max.pages); statuses between {} and the stream may be missing",
          settings.source(), backfillMaxPages, newest);
    }
    return newest;
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("User-Agent", "provwatch");
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder;
  }

  private String hint(int status) {
    return switch (status) {
      case 401, 403 -> token == null
          ? ": this server wants an access token (" + settings.connector() + " token)"
          : ": the access token was refused (check the source's token and its read scope)";
      case 404 -> ": no such timeline or not a Mastodon server";
      case 429 -> ": rate limited";
      default -> "";
    };
  }

  private SourcePosition position(String position) {
    return SourcePosition.newBuilder().setConnector(settings.connector()).setPosition(position).build();
  }

  private static Map<String, String> cursor(String lastId) {
    return lastId == null ? Map.of() : Map.of(LAST_STATUS_ID, lastId);
  }

  /** The newer of {@code lastId} and the ids of the statuses in {@code results}. */
  static String newest(String lastId, List<ParseResult> results) {
    String newest = lastId;
    for (ParseResult result : results) {
      if (result instanceof ParseResult.Parsed parsed) {
        String id = localId(parsed.post());
        if (newest == null || compareIds(id, newest) > 0) {
          newest = id;
        }
      }
    }
    return newest;
  }

  /** The server's own id of a status: what follows the host in {@code mastodon:<host>/<id>}. */
  private static String localId(Post post) {
    String id = post.getId();
    return id.substring(id.lastIndexOf('/') + 1);
  }

  /** The id just before a numeric id, so that {@code min_id} includes it; null when there is none. */
  static String predecessor(String id) {
    if (id == null || id.isEmpty() || !id.chars().allMatch(Character::isDigit)) {
      return null;
    }
    BigInteger value = new BigInteger(id);
    return value.signum() > 0 ? value.subtract(BigInteger.ONE).toString() : null;
  }

  /** Mastodon ids are decimal numbers that grow with time (as strings; they outgrow a long on some forks). */
  static int compareIds(String a, String b) {
    boolean numeric = a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit);
    if (numeric && a.length() != b.length()) {
      return Integer.compare(a.length(), b.length());
    }
    return a.compareTo(b);
  }

  @Override
  protected void abortSession() {
    HttpLines current = lines;
    if (current != null) {
      current.cancel();
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String withoutTrailingSlash(URI uri) {
    String s = uri.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s;
  }
}

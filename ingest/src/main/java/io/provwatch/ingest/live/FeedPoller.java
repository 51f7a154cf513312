package io.provwatch.ingest.live;

import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostSink;
import io.provwatch.ingest.formats.PostFormat;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Polls a feed over HTTP every {@code interval}: a conditional GET ({@code If-None-Match} with the
 * last ETag, {@code If-Modified-Since} with the last Last-Modified), nothing to do on 304, and on
 * 200 the document is read by the XML or the JSON feed format (by its first character) and its
 * entries published, oldest (last listed) first.
 *
 * <p>Resume: the validators are the cursor, saved once every entry of the document they came
 * with is acknowledged; entries a feed keeps listing poll after poll are dropped by dedupe (the
 * remembered keys must outnumber the entries a feed lists). An entry whose update time changed is
 * published again, as an edit.
 */
public final class FeedPoller extends LiveConnector {
  public static final String KIND = "feed";
  static final String ETAG = "etag";
  static final String LAST_MODIFIED = "last_modified";
  private static final int MAX_FEED_BYTES = 16 * 1024 * 1024;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
  private static final String ACCEPT = "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, "
      + "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT)
      .followRedirects(HttpClient.Redirect.NORMAL).build();
  private final URI url;
  private final Duration interval;
  private final PostFormat xmlFeeds;
  private final PostFormat jsonFeeds;
  private final Clock clock;
  private volatile CompletableFuture<HttpResponse<byte[]>> inFlight;

  /**
   * @param xmlFeeds reads RSS and Atom documents
   * @param jsonFeeds reads JSON Feed documents (a body starting with '{')
   */
  public FeedPoller(ConnectorSettings settings, PostSink sink, URI url, Duration interval, PostFormat xmlFeeds, PostFormat jsonFeeds, Clock clock) {
    super(settings, sink);
    this.url = url;
    this.interval = interval;
    this.xmlFeeds = xmlFeeds;
    this.jsonFeeds = jsonFeeds;
    this.clock = clock;
  }

  @Override
  protected String endpoint() {
    return url.toString();
  }

  @Override
  protected void session(Map<String, String> cursor) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).header("Accept", ACCEPT).header("User-Agent", "provwatch").GET();
    if (cursor.containsKey(ETAG)) {
      request.header("If-None-Match", cursor.get(ETAG));
    }
    if (cursor.containsKey(LAST_MODIFIED)) {
      request.header("If-Modified-Since", cursor.get(LAST_MODIFIED));
    }
    CompletableFuture<HttpResponse<byte[]>> pending = HttpBodies.sendAsync(client, request.build(), MAX_FEED_BYTES);
    inFlight = pending;
    if (!running()) {
      pending.cancel(true);
    }
    HttpResponse<byte[]> response = HttpBodies.await(pending, REQUEST_TIMEOUT);
    if (response.statusCode() == 304) {
      log.debug("source {}: not modified", settings.source());
      heartbeat();
      return;
    }
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode() + " from GET " + url);
    }
    Map<String, String> next = new HashMap<>();
    response.headers().firstValue("ETag").ifPresent(v -> next.put(ETAG, v));
    response.headers().firstValue("Last-Modified").ifPresent(v -> next.put(LAST_MODIFIED, v));
    String position = "GET " + url + " at " + clock.instant();
    byte[] body = response.body();
    PostFormat format = startsWithBrace(body) ? jsonFeeds : xmlFeeds;
    List<ParseResult> results = format.parse(body, SourcePosition.newBuilder().setConnector(settings.connector()).setPosition(position).build());
    publish(results, true, body, position, next); // feeds list their newest entry first
    log.debug("source {}: {} entries read", settings.source(), results.size());
  }

  private static boolean startsWithBrace(byte[] body) {
    for (int i = 0; i < body.length; i++) {
      byte b = body[i];
      if (b == (byte) 0xEF && i + 2 < body.length && body[i + 1] == (byte) 0xBB && body[i + 2] == (byte) 0xBF) {
        i += 2; // UTF-8 byte order mark
      } else if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return b == '{';
      }
    }
    return false;
  }

  @Override
  protected Duration pauseAfter(Throwable failure, boolean broughtSomething) {
    if (failure == null) {
      backoff().reset();
      return interval;
    }
    return backoff().next();
  }

  @Override
  protected void abortSession() {
    CompletableFuture<?> pending = inFlight;
    if (pending != null) {
      pending.cancel(true);
    }
  }
}

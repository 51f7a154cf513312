package io.provwatch.ingest.live;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection;
import io.provwatch.ingest.PostSink;
import io.provwatch.ingest.formats.BlueskyJetstreamFormat;
import io.provwatch.ingest.formats.PostNormaliser;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Bluesky's Jetstream over WebSocket: {@code <url>/subscribe?wantedCollections=app.bsky.feed.post}
 * (JDK WebSocket client), each text message one event read by {@link BlueskyJetstreamFormat}.
 *
 * <p>Resume: the cursor is the {@code time_us} of the last event that Kafka acknowledged together
 * with everything before it. A reconnect or restart subscribes with
 * {@code cursor=<time_us - rewind.ms>}: Jetstream replays from there, and the overlap (events
 * processed but not yet acknowledged, events out of time order) is dropped by dedupe. Without a
 * cursor (the very first start) it starts at the live end.
 */
public final class BlueskyJetstreamConnector extends LiveConnector {
  public static final String KIND = "bluesky-jetstream";
  static final String TIME_US = "time_us";
  private static final int MAX_MESSAGE_CHARS = 4 * 1024 * 1024;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
  private static final JsonFactory JSON = new JsonFactory();
  private static final Object CLOSED = new Object();

  /** A message longer than the limit: its start, dead-lettered. */
  private record Oversized(String start) {}

  private final HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
  private final String url;
  private final List<String> collections;
  private final long rewindUs;
  private final BlueskyJetstreamFormat format;
  private volatile Session current;
  /** The first time_us this process received: where to resume if nothing was acknowledged yet. */
  private volatile Long firstReceivedTimeUs;

  /**
   * @param url the Jetstream instance, {@code wss://host} or {@code wss://host/subscribe}
   * @param collections the wantedCollections, e.g. {@code app.bsky.feed.post}
   */
  public BlueskyJetstreamConnector(ConnectorSettings settings, PostSink sink, URI url, List<String> collections, Duration rewind,
      PostNormaliser normaliser) {
    super(settings, sink);
    String s = url.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    this.url = s.endsWith("/subscribe") ? s : s + "/subscribe";
    this.collections = List.copyOf(collections);
    this.rewindUs = rewind.toNanos() / 1000;
    this.format = new BlueskyJetstreamFormat(normaliser);
  }

  @Override
  protected String endpoint() {
    return url;
  }

  /** The subscription url, resuming {@code rewind} before {@code timeUs} when there is one. */
  URI subscribeUri(String timeUs) {
    StringBuilder uri = new StringBuilder(url).append('?');
    for (String collection : collections) {
      uri.append("wantedCollections=").append(URLEncoder.encode(collection, StandardCharsets.UTF_8)).append('&');
    }
    if (timeUs != null) {
      uri.append("cursor=").append(Math.max(0, Long.parseLong(timeUs) - rewindUs)).append('&');
    }
    return URI.create(uri.substring(0, uri.length() - 1));
  }

  @Override
  protected void session(Map<String, String> cursor) throws Exception {
    Session session = new Session();
    current = session;
    if (!running()) {
      return;
    }
    String resumeFrom = cursor.get(TIME_US);
    if (resumeFrom == null && firstReceivedTimeUs != null) {
      resumeFrom = Long.toString(firstReceivedTimeUs); // nothing acknowledged yet: not the live end, or what failed is lost
    }
    URI uri = subscribeUri(resumeFrom);
    WebSocket socket;
    try {
      socket = client.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT).buildAsync(uri, session)
          .get(CONNECT_TIMEOUT.toMillis() + 5000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(String.valueOf(e.getCause().getMessage()), e.getCause());
    } catch (TimeoutException e) {
      throw new IOException("no WebSocket handshake with " + url + " within " + CONNECT_TIMEOUT.toSeconds() + " s");
    }
    try {
      connected(uri.toString());
      read(session, socket, cursor.get(TIME_US));
    } finally {
      socket.abort();
    }
  }

  private void read(Session session, WebSocket socket, String lastTimeUs) throws Exception {
    long silentSince = System.nanoTime();
    long received = 0;
    while (running()) {
      Object message = session.messages.poll(Math.min(1000, settings.idleTimeout().toMillis()), TimeUnit.MILLISECONDS);
      if (message == null) {
        if (System.nanoTime() - silentSince > settings.idleTimeout().toNanos()) {
          throw new IOException("no event for " + settings.idleTimeout().toMillis() + " ms");
        }
        heartbeat();
        continue;
      }
      if (message == CLOSED) {
        throw new IOException("the server closed the connection" + (session.closeReason == null ? "" : ": " + session.closeReason));
      }
      if (message instanceof Throwable error) {
        throw error instanceof IOException io ? io : new IOException(String.valueOf(error.getMessage()), error);
      }
      silentSince = System.nanoTime();
      received++;
      if (message instanceof Oversized oversized) {
        String position = "message " + received + " after " + TIME_US + "=" + lastTimeUs;
        publish(List.of(new ParseResult.Rejected(PostRejection.of(PostRejection.Code.TOO_LARGE,
                "Jetstream message longer than " + MAX_MESSAGE_CHARS + " characters; only its start is kept"))),
            oversized.start().getBytes(StandardCharsets.UTF_8), position, lastTimeUs == null ? Map.of() : Map.of(TIME_US, lastTimeUs));
        socket.request(1);
        continue;
      }
      String text = (String) message;
      Long timeUs = timeUs(text);
      String position = timeUs != null ? TIME_US + "=" + timeUs : "message " + received + " after " + TIME_US + "=" + lastTimeUs;
      List<ParseResult> results = format.parse(text.getBytes(StandardCharsets.UTF_8),
          SourcePosition.newBuilder().setConnector(settings.connector()).setPosition(position).build());
      if (timeUs != null) {
        lastTimeUs = Long.toString(timeUs);
        if (firstReceivedTimeUs == null) {
          firstReceivedTimeUs = timeUs;
        }
      }
      publish(results, text.getBytes(StandardCharsets.UTF_8), position, lastTimeUs == null ? Map.of() : Map.of(TIME_US, lastTimeUs));
      socket.request(1);
    }
  }

  /** The event's top-level {@code time_us}, read without building a tree; null when it has none. */
  static Long timeUs(String event) {
    try (JsonParser parser = JSON.createParser(event)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals(TIME_US) && value == JsonToken.VALUE_NUMBER_INT) {
          long t = parser.getLongValue();
          return t >= 0 ? t : null;
        }
        parser.skipChildren();
      }
      return null;
    } catch (IOException e) { // not JSON: the format dead-letters it
      return null;
    }
  }

  @Override
  protected void abortSession() {
    Session session = current;
    if (session != null) {
      session.messages.add(CLOSED);
    }
  }

  /**
   * Receives one connection's messages into a queue that the connector thread reads; asks for the
   * next message only when the connector took the last one (text parts are asked for at once).
   */
  private static final class Session implements WebSocket.Listener {
    final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private boolean tooLarge;
    volatile String closeReason;

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      if (!tooLarge && partial.length() + data.length() <= MAX_MESSAGE_CHARS) {
        partial.append(data);
      } else if (!tooLarge) {
        partial.append(data, 0, MAX_MESSAGE_CHARS - partial.length());
        tooLarge = true;
      }
      if (!last) {
        socket.request(1);
        return null;
      }
      if (tooLarge) {
        messages.add(new Oversized(partial.toString()));
      } else {
        messages.add(partial.toString());
      }
      partial.setLength(0);
      tooLarge = false;
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      socket.request(1); // compressed frames are not asked for; anything else binary is not an event
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
      closeReason = statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason);
      messages.add(CLOSED);
      return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      messages.add(error);
    }
  }
}

package io.provwatch.ingest.live;

import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostSink;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source that stays connected: one thread runs sessions (a connection, or a poll) one after the
 * other, each resuming from the cursor Kafka acknowledged, with backoff between failures. Results
 * go through a {@link PublishPipeline} (dedupe, dead letters, acknowledged cursor), and the state is
 * checkpointed to the {@link ConnectorCursorStore} while running, after each session and on stop.
 * A bad payload is dead-lettered and never ends a session; a failed write ends it, so the replay
 * writes it again.
 */
public abstract class LiveConnector implements AutoCloseable {
  private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)((?:access_)?token|api_key|password)=[^&\\s]+");

  protected final Logger log = LoggerFactory.getLogger(getClass());
  protected final ConnectorSettings settings;
  private final PublishPipeline pipeline;
  private final Backoff backoff;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final AtomicLong sessions = new AtomicLong();
  private volatile boolean running;
  private volatile boolean connected;
  private Thread thread;
  private long savedChanges;
  private long lastCheckpointNanos;

  protected LiveConnector(ConnectorSettings settings, PostSink sink) {
    this.settings = settings;
    ConnectorState state = settings.store().load();
    this.pipeline = new PublishPipeline(settings.connector(), sink, settings.dedupeKeys(), state);
    this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), () -> ThreadLocalRandom.current().nextDouble());
  }

  /** Runs one session from {@code cursor} (empty on the very first start) until it ends or fails. */
  protected abstract void session(Map<String, String> cursor) throws Exception;

  /** Ends the current session from another thread (on stop): close its socket or stream. */
  protected abstract void abortSession();

  /** Where this connector connects or polls, for logs (no secrets). */
  protected abstract String endpoint();

  /**
   * The wait before the next session; by default backoff, started afresh after a session that
   * brought something acknowledged (so a server that drops every connection at once, or a broker
   * that is down, gets ever longer waits).
   */
  protected Duration pauseAfter(Throwable failure, boolean broughtSomething) {
    if (broughtSomething) {
      backoff.reset();
    }
    return backoff.next();
  }

  protected final Backoff backoff() {
    return backoff;
  }

  /** Starts the connector's thread. */
  public final synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException(settings.connector() + " is already started");
    }
    running = true;
    thread = new Thread(this::run, "provwatch-source-" + settings.source());
    thread.setDaemon(true);
    thread.start();
    log.info("source {}: started ({} at {}), cursor file {}", settings.source(), settings.connector(), redact(endpoint()), settings.store().file());
  }

  /** Stops: ends the session, waits for writes in flight and saves the cursor. */
  @Override
  public final void close() {
    Thread t;
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
      t = thread;
    }
    stopping.countDown();
    abortSession();
    try {
      t.join(settings.drainTimeout().plusSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("source {}: stopped after {} session(s); {} published, {} duplicates dropped, {} dead-lettered",
        settings.source(), sessions.get(), published(), duplicates(), deadLettered());
  }

  protected final boolean running() {
    return running;
  }

  /**
   * Publishes one payload's results; called by sessions. Ends the session (throws) once a write
   * of this session failed, so that it is replayed.
   */
  protected final void publish(List<ParseResult> results, byte[] raw, String position, Map<String, String> cursorAfter) throws PublishFailedException {
    publish(results, false, raw, position, cursorAfter);
  }

  /** As {@link #publish(List, byte[], String, Map)}; with {@code lastFirst} the results are written from the last one back. */
  protected final void publish(List<ParseResult> results, boolean lastFirst, byte[] raw, String position, Map<String, String> cursorAfter)
      throws PublishFailedException {
    pipeline.submit(results, lastFirst, raw, position, cursorAfter);
    afterActivity();
  }

  /** A sign of life that carries no payload (a heartbeat); lets a due checkpoint happen. */
  protected final void heartbeat() throws PublishFailedException {
    afterActivity();
  }

  /** Marks the session as connected, for health and logs. */
  protected final void connected(String what) {
    connected = true;
    log.info("source {}: connected to {}", settings.source(), redact(what));
  }

  private void afterActivity() throws PublishFailedException {
    Throwable failure = pipeline.failure();
    if (failure != null) {
      throw new PublishFailedException(failure);
    }
    checkpoint(false);
  }

  private void run() {
    while (running) {
      sessions.incrementAndGet();
      pipeline.newSession();
      long changesBefore = pipeline.changes();
      Map<String, String> cursor = pipeline.acknowledgedCursor();
      Throwable failure = null;
      try {
        session(cursor);
      } catch (InterruptedException e) {
        if (running) {
          failure = e;
        }
      } catch (Exception | StackOverflowError e) { // a session never ends the connector
        failure = e;
      } finally {
        connected = false;
        settle();
      }
      if (failure == null && pipeline.failure() != null) {
        failure = new PublishFailedException(pipeline.failure());
      }
      if (!running) {
        break;
      }
      Duration pause = pauseAfter(failure, pipeline.changes() != changesBefore);
      if (failure != null) {
        log.warn("source {}: {} ended: {}; retrying in {} ms (failure {} in a row), resuming from {}", settings.source(), redact(endpoint()),
            redact(describe(failure)), pause.toMillis(), backoff.failuresInARow(), describeCursor(pipeline.acknowledgedCursor()));
      } else {
        log.debug("source {}: next session in {} ms", settings.source(), pause.toMillis());
      }
      try {
        if (stopping.await(pause.toMillis(), TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        break;
      }
    }
  }

  /** After a session: wait for its writes, then save the cursor they reached. */
  private void settle() {
    try {
      if (!pipeline.drain(settings.drainTimeout())) {
        log.warn("source {}: writes still in flight after {}; the cursor stays before them", settings.source(), settings.drainTimeout());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    checkpoint(true);
  }

  private void checkpoint(boolean force) {
    long changes = pipeline.changes();
    long now = System.nanoTime();
    if (changes == savedChanges || (!force && now - lastCheckpointNanos < settings.checkpointInterval().toNanos())) {
      return;
    }
    try {
      settings.store().save(pipeline.state());
      savedChanges = changes;
      lastCheckpointNanos = now;
    } catch (RuntimeException e) { // the connector goes on; a restart would replay more than needed
      log.error("source {}: cannot save the cursor: {}", settings.source(), e.getMessage());
    }
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message)
        + (t.getCause() != null && t.getCause() != t && t.getCause().getMessage() != null && message != null
            && !message.contains(t.getCause().getMessage()) ? " (" + t.getCause().getMessage() + ")" : "");
  }

  private static String describeCursor(Map<String, String> cursor) {
    return cursor.isEmpty() ? "the start (nothing acknowledged yet)" : cursor.toString();
  }

  /** Drops secrets a url or message might carry as query parameters. */
  static String redact(String text) {
    return text == null ? null : SECRET_PARAMETER.matcher(text).replaceAll("$1=[hidden]");
  }

  public final String source() {
    return settings.source();
  }

  public final String connectorName() {
    return settings.connector();
  }

  public final boolean isConnected() {
    return connected;
  }

  public final long published() {
    return pipeline.published.get();
  }

  public final long duplicates() {
    return pipeline.duplicates.get();
  }

  public final long deadLettered() {
    return pipeline.deadLettered.get();
  }

  public final long skipped() {
    return pipeline.skipped.get();
  }

  /** Sessions after the first: reconnections, or for a poller the polls after the first. */
  public final long reconnects() {
    return Math.max(0, sessions.get() - 1);
  }

  /** The cursor Kafka has acknowledged everything up to. */
  public final Map<String, String> acknowledgedCursor() {
    return pipeline.acknowledgedCursor();
  }

  /** Thrown into a session when a write failed: the session ends and the replay writes it again. */
  protected static final class PublishFailedException extends Exception {
    PublishFailedException(Throwable cause) {
      super("Kafka did not take a record: " + cause.getMessage(), cause);
    }
  }
}

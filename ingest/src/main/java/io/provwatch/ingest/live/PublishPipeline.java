package io.provwatch.ingest.live;

import io.provwatch.avro.Post;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostSink;
import io.provwatch.ingest.RecentKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes what a connector parsed, payload by payload, and knows up to which payload Kafka has
 * acknowledged everything: the cursor a connector may resume from.
 *
 * <ul>
 *   <li>Dedupe: a post's key is its id plus its edit time, so a replayed post is dropped while an
 *       edit is published; a rejected item's key is a digest of its payload and place in it, so a
 *       replayed bad payload is dead-lettered once. Keys of acknowledged records go into
 *       {@link RecentKeys}; a key still in flight makes the replay wait for the same write.</li>
 *   <li>Cursor: each payload carries the cursor after it; the acknowledged cursor moves to it once
 *       it and every payload before it are written. A failed write stops it there and marks the
 *       session failed, so the connector reconnects and the replay writes that payload again.</li>
 * </ul>
 *
 * <p>Writes are asynchronous (many in flight); nothing is called on the sink while holding this
 * object's lock, because the sink's completion threads need it.
 */
final class PublishPipeline {
  private final String source;
  private final PostSink sink;
  private final RecentKeys<Boolean> recent;
  private final Map<String, CompletableFuture<Void>> inFlight = new HashMap<>();
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private Map<String, String> acknowledgedCursor;
  private int generation;
  private Throwable failure;
  private long changes;
  private int outstanding;

  final AtomicLong published = new AtomicLong();
  final AtomicLong deadLettered = new AtomicLong();
  final AtomicLong duplicates = new AtomicLong();
  final AtomicLong skipped = new AtomicLong();
  final AtomicLong failed = new AtomicLong();

  private static final class Entry {
    final int generation;
    final Map<String, String> cursorAfter;
    int outstanding;
    boolean failed;

    Entry(int generation, Map<String, String> cursorAfter) {
      this.generation = generation;
      this.cursorAfter = cursorAfter;
    }
  }

  /** What to write for one result: a new write, or one already in flight for the same key. */
  private record Write(String key, Post post, ParseResult.Rejected rejected, int item, CompletableFuture<Void> pending) {}

  /**
   * @param source the connector name in dead letters, e.g. {@code bluesky-jetstream:bsky}
   * @param state where the connector stopped last time
   */
  PublishPipeline(String source, PostSink sink, int dedupeCapacity, ConnectorState state) {
    this.source = source;
    this.sink = sink;
    this.recent = new RecentKeys<>(dedupeCapacity, state.recentKeys());
    this.acknowledgedCursor = state.cursor();
  }

  /**
   * Publishes one payload's results (posts; rejections as dead letters; skips count only).
   *
   * @param lastFirst write the results from the last one back (a page listed newest first)
   * @param raw the payload, kept whole in dead letters
   * @param position the payload's position, in dead letters (items add {@code #item[i]})
   * @param cursorAfter the cursor to resume from once this payload is written
   */
  void submit(List<ParseResult> results, boolean lastFirst, byte[] raw, String position, Map<String, String> cursorAfter) {
    List<Write> writes = new ArrayList<>();
    Entry entry;
    synchronized (this) {
      entry = new Entry(generation, Map.copyOf(cursorAfter));
      for (int n = 0; n < results.size(); n++) {
        int i = lastFirst ? results.size() - 1 - n : n;
        ParseResult result = results.get(i);
        String key;
        Post post = null;
        ParseResult.Rejected rejected = null;
        if (result instanceof ParseResult.Parsed parsed) {
          post = parsed.post();
          key = digest(post.getId() + (post.getEditedAt() == null ? "" : "@" + post.getEditedAt().toEpochMilli()));
        } else if (result instanceof ParseResult.Rejected r) {
          rejected = r;
          key = digest("rejected#" + i + ":", raw);
        } else {
          skipped.incrementAndGet();
          continue;
        }
        CompletableFuture<Void> pending = inFlight.get(key);
        if (pending == null && recent.contains(key)) {
          duplicates.incrementAndGet();
          continue;
        }
        if (pending != null) {
          duplicates.incrementAndGet();
        } else {
          inFlight.put(key, new CompletableFuture<>());
        }
        writes.add(new Write(key, post, rejected, i, pending));
      }
      entry.outstanding = writes.size();
      outstanding += writes.size();
      entries.add(entry);
      advance();
    }
    for (Write write : writes) {
      CompletableFuture<Void> done;
      if (write.pending() != null) {
        done = write.pending();
      } else {
        try {
          done = write.post() != null ? sink.publish(write.post())
              : sink.deadLetter(raw, source, results.size() == 1 ? position : position + "#item[" + write.item() + "]", write.rejected().rejection());
        } catch (RuntimeException e) { // a sink that throws instead of failing the future: the same to us
          done = CompletableFuture.failedFuture(e);
        }
      }
      done.whenComplete((ok, error) -> completed(entry, write, error));
    }
  }

  private synchronized void completed(Entry entry, Write write, Throwable error) {
    if (write.pending() == null) {
      CompletableFuture<Void> signal = inFlight.remove(write.key());
      if (error == null) {
        recent.add(write.key());
        (write.post() != null ? published : deadLettered).incrementAndGet();
        changes++;
      } else {
        failed.incrementAndGet();
      }
      if (signal != null) { // duplicates waiting on this write learn its outcome
        if (error == null) {
          signal.complete(null);
        } else {
          signal.completeExceptionally(error);
        }
      }
    }
    entry.outstanding--;
    outstanding--;
    if (error != null) {
      entry.failed = true;
      if (entry.generation == generation && failure == null) {
        failure = error;
      }
    }
    advance();
    notifyAll();
  }

  /** Moves the acknowledged cursor over every leading payload that is completely written. */
  private void advance() {
    Entry head;
    while ((head = entries.peek()) != null && head.outstanding == 0 && !head.failed) {
      entries.poll();
      if (!head.cursorAfter.equals(acknowledgedCursor)) {
        acknowledgedCursor = head.cursorAfter;
        changes++;
      }
    }
  }

  /** The first failed write of this session, or null. */
  synchronized Throwable failure() {
    return failure;
  }

  /**
   * Starts a new session: the replay from {@link #acknowledgedCursor()} supersedes every payload
   * not yet acknowledged, so they are forgotten (their writes, if still in flight, still count for
   * the dedupe keys).
   */
  synchronized void newSession() {
    generation++;
    failure = null;
    entries.clear();
  }

  /** Sends what the sink buffers and waits until no write is in flight; false on timeout. */
  boolean drain(Duration timeout) throws InterruptedException {
    sink.flush();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (outstanding > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }

  synchronized Map<String, String> acknowledgedCursor() {
    return acknowledgedCursor;
  }

  /** Grows whenever the state to save changes. */
  synchronized long changes() {
    return changes;
  }

  synchronized ConnectorState state() {
    return new ConnectorState(acknowledgedCursor, recent.snapshot());
  }

  /** 96 bits of SHA-256, base64: short enough to keep thousands with the cursor, long enough never to collide. */
  static String digest(String text, byte[]... more) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(text.getBytes(StandardCharsets.UTF_8));
      for (byte[] bytes : more) {
        sha.update(bytes);
      }
      byte[] hash = sha.digest();
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 12));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}

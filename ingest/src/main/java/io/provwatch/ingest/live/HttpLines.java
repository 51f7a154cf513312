package io.provwatch.ingest.live;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A streamed HTTP body read as lines, for server-sent events. Pull-based: the next chunk is asked
 * for only when the lines of the last one are taken, so a slow reader holds at most one chunk.
 * Reading waits with a timeout (a silent server is noticed) and {@link #cancel} ends a read from
 * another thread. Lines end at {@code \n} (a trailing {@code \r} is dropped); a line longer than
 * the limit keeps its start and is marked truncated, so one endless line cannot exhaust memory.
 */
final class HttpLines implements HttpResponse.BodySubscriber<Void> {
  /** A line without its terminator. */
  record Line(byte[] bytes, boolean truncated) {}

  private static final Object END = new Object();

  private final int maxLineBytes;
  private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> body = new CompletableFuture<>();
  private final AtomicBoolean requested = new AtomicBoolean();
  private final ByteArrayOutputStream current = new ByteArrayOutputStream();
  private boolean truncated;
  private volatile Flow.Subscription subscription;
  private volatile boolean cancelled;

  HttpLines(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (cancelled) {
      s.cancel();
      return;
    }
    requested.set(true);
    s.request(1);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    for (ByteBuffer buffer : buffers) {
      while (buffer.hasRemaining()) {
        byte b = buffer.get();
        if (b == '\n') {
          byte[] bytes = current.toByteArray();
          int length = !truncated && bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
          queue.add(new Line(length == bytes.length ? bytes : Arrays.copyOf(bytes, length), truncated));
          current.reset();
          truncated = false;
        } else if (current.size() < maxLineBytes) {
          current.write(b);
        } else {
          truncated = true;
        }
      }
    }
    requested.set(false);
  }

  @Override
  public void onError(Throwable error) {
    queue.add(error);
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    queue.add(END);
    body.complete(null);
  }

  @Override
  public CompletionStage<Void> getBody() {
    return body;
  }

  /**
   * The next line, or null when none came within {@code timeout}.
   *
   * @throws EOFException when the server ended the body (or it was cancelled)
   * @throws IOException when the connection failed
   */
  Line next(Duration timeout) throws IOException, InterruptedException {
    Object item = queue.poll();
    if (item == null) {
      Flow.Subscription s = subscription;
      if (s != null && !cancelled && requested.compareAndSet(false, true)) {
        s.request(1);
      }
      item = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
    if (item == null) {
      return null;
    }
    if (item == END) {
      queue.add(END); // stays at the end for later calls
      throw new EOFException(cancelled ? "stream closed" : "the server ended the stream");
    }
    if (item instanceof Throwable error) {
      queue.add(error);
      throw error instanceof IOException io ? io : new IOException(error.getMessage(), error);
    }
    return (Line) item;
  }

  /** Stops reading: the connection is released and a waiting {@link #next} ends. */
  void cancel() {
    cancelled = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    queue.add(END);
  }
}

package io.provwatch.platform.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The executor of an HTTP server: {@code threads} workers and at most {@code queueCapacity}
 * exchanges waiting for one. An exchange that finds the queue full is not dropped silently nor
 * waited for: it goes to one overflow thread (with a queue of its own, equally bounded) that only
 * reads the request line and headers and answers 503 with {@code Retry-After} and a JSON error
 * ({@link #overloadFilter()}). When the overflow queue is full too, the JDK server closes the
 * connection: the last resort, never an unbounded wait. Used by {@link HttpServerHost} and by the
 * embedded schema registry; a server using it puts {@link #overloadFilter()} first on every context.
 */
public final class BoundedHttpExecutor implements Executor {
  /** Seconds a client is told to wait before trying again. */
  static final int RETRY_AFTER_S = 1;
  private static final ThreadLocal<Boolean> OVERFLOW = ThreadLocal.withInitial(() -> Boolean.FALSE);

  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor overflow;
  private final AtomicLong refused = new AtomicLong();

  public BoundedHttpExecutor(int threads, int queueCapacity) {
    this.workers = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueCapacity), daemon("provwatch-http"), new ThreadPoolExecutor.AbortPolicy());
    this.overflow = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(queueCapacity), daemon("provwatch-http-overflow"), new ThreadPoolExecutor.AbortPolicy());
  }

  @Override
  public void execute(Runnable exchange) {
    try {
      workers.execute(exchange);
    } catch (RejectedExecutionException full) {
      refused.incrementAndGet();
      overflow.execute(() -> { // throws in turn when full: the JDK server then closes the connection
        OVERFLOW.set(Boolean.TRUE);
        try {
          exchange.run();
        } finally {
          OVERFLOW.set(Boolean.FALSE);
        }
      });
    }
  }

  /** Exchanges waiting for a worker now. */
  int queued() {
    return workers.getQueue().size();
  }

  /** Exchanges answered 503 (or closed) because every worker was busy and the queue full. */
  long refused() {
    return refused.get();
  }

  /** Both pools, for {@link HttpServers#stop}. */
  public ExecutorService[] pools() {
    return new ExecutorService[] {workers, overflow};
  }

  /** The first filter of every route: on the overflow thread it answers 503 instead of running anything. */
  public static Filter overloadFilter() {
    return new Filter() {
      @Override
      public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        if (!OVERFLOW.get()) {
          chain.doFilter(exchange);
          return;
        }
        try (exchange) {
          exchange.getRequestBody().close(); // the body is not read: the connection is not reused for it
          byte[] body = ("{\"error\":\"OVERLOADED\",\"status\":503,\"reason\":\"every request slot is busy; retry after "
              + RETRY_AFTER_S + "s\"}\n").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.getResponseHeaders().set("Retry-After", Integer.toString(RETRY_AFTER_S));
          exchange.sendResponseHeaders(503, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
      }

      @Override
      public String description() {
        return "provwatch overload answer";
      }
    };
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}

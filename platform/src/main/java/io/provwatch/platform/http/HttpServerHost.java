package io.provwatch.platform.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Meter;
import io.provwatch.platform.PlatformStartupException;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.metrics.ProvwatchMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The HTTP server of a provwatch process: {@code GET /health} (200 when every component is up,
 * 503 otherwise, JSON body naming each), {@code GET /metrics} (the process's {@link ProvwatchMetrics}
 * in Prometheus text format), and whatever handlers a stage adds, such as ingest's {@code /v1/posts}.
 * Each route needs an {@link HttpScope}, checked by the {@link HttpSecurity} it was started with, before its handler runs.
 */
public final class HttpServerHost implements AutoCloseable {
  private final HttpServer server;
  private final BoundedHttpExecutor executor;
  private final HttpSecurity security;
  private final Map<String, BooleanSupplier> health = new ConcurrentSkipListMap<>();
  private final List<Meter> meters = new CopyOnWriteArrayList<>();

  /**
   * How much a server takes on: {@code threads} requests at once, {@code queueCapacity} waiting (one
   * more is answered 503), and how long one request may take ({@link #applyRequestTimeout}).
   */
  public record Limits(int threads, int queueCapacity, long requestTimeoutMs) {
    public static final Limits DEFAULT = new Limits(4, 64, 60_000);

    public static Limits fromConfig(ProvwatchConfig config) {
      return new Limits(config.getInt(ProvwatchConfig.HTTP_THREADS), config.getInt(ProvwatchConfig.HTTP_QUEUE_CAPACITY),
          config.getLong(ProvwatchConfig.HTTP_REQUEST_TIMEOUT_MS));
    }
  }

  private HttpServerHost(HttpServer server, BoundedHttpExecutor executor, HttpSecurity security) {
    this.server = server;
    this.executor = executor;
    this.security = security;
  }

  /** Binds and starts serving plain HTTP to anyone (loopback tests); port 0 picks a free one. */
  public static HttpServerHost start(String bindAddress, int port) {
    return start(bindAddress, port, HttpSecurity.OPEN);
  }

  /** Binds and starts serving with {@code security}'s keys and TLS; port 0 picks a free one. */
  public static HttpServerHost start(String bindAddress, int port, HttpSecurity security) {
    return start(bindAddress, port, security, Limits.DEFAULT);
  }

  /** Binds and starts serving with {@code security}'s keys and TLS within {@code limits}; port 0 picks a free one. */
  public static HttpServerHost start(String bindAddress, int port, HttpSecurity security, Limits limits) {
    applyRequestTimeout(limits.requestTimeoutMs());
    HttpServer server;
    try {
      server = security.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 100);
    } catch (IOException e) {
      throw new PlatformStartupException("HTTP server cannot listen on " + bindAddress + ":" + port
          + " (" + e.getMessage() + "). Stop whatever uses the port or set http.port.", e);
    }
    BoundedHttpExecutor executor = new BoundedHttpExecutor(limits.threads(), limits.queueCapacity());
    server.setExecutor(executor);
    HttpServerHost host = new HttpServerHost(server, executor, security);
    host.handle("/health", HttpScope.HEALTH, host::health);
    host.handle("/metrics", HttpScope.METRICS, host::metrics);
    server.start();
    return host;
  }

  /** Adds a handler for a path that needs the {@link HttpScope#ADMIN} scope. */
  public HttpServerHost handle(String path, HttpHandler handler) {
    return handle(path, HttpScope.ADMIN, handler);
  }

  /** Adds a handler for a path, e.g. {@code /v1/posts}, served to callers holding {@code scope}. */
  public HttpServerHost handle(String path, HttpScope scope, HttpHandler handler) {
    List<com.sun.net.httpserver.Filter> filters = server.createContext(path, handler).getFilters();
    filters.add(BoundedHttpExecutor.overloadFilter()); // before the key check: an overloaded server does no work
    filters.add(security.filter(exchange -> scope));
    return this;
  }

  /**
   * The JDK server's own bound on reading a request and writing its answer
   * ({@code sun.net.httpserver.maxReqTime}/{@code maxRspTime}, seconds): a connection past it is
   * closed, so a client that stalls mid-request frees its worker. The JDK reads these once, when its
   * first server starts, so they are set here unless given on the command line.
   */
  static void applyRequestTimeout(long timeoutMs) {
    String seconds = Long.toString(Math.max(1, timeoutMs / 1000));
    for (String property : List.of("sun.net.httpserver.maxReqTime", "sun.net.httpserver.maxRspTime")) {
      if (System.getProperty(property) == null) {
        System.setProperty(property, seconds);
      }
    }
  }

  /** Requests waiting for a worker now. */
  public int queuedRequests() {
    return executor.queued();
  }

  /** Requests answered 503 (or, past the overflow queue, closed) because every worker was busy and the queue full. */
  public long refusedRequests() {
    return executor.refused();
  }

  /** The keys and TLS this server was started with: what a client forwarding to a peer instance uses too. */
  public HttpSecurity security() {
    return security;
  }

  /** Registers a component whose state {@code /health} reports. */
  public HttpServerHost healthCheck(String component, BooleanSupplier up) {
    health.put(component, up);
    return this;
  }

  /**
   * A meter of a component served here (see {@link ProvwatchMetrics#functionCounter}), removed from the
   * registry when this server closes.
   */
  public HttpServerHost meter(Meter meter) {
    meters.add(meter);
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Base url with the actual port, e.g. {@code http://127.0.0.1:8080} or {@code https://...}. */
  public String url() {
    return HttpServers.url(server);
  }

  @Override
  public void close() {
    HttpServers.stop(server, executor.pools());
    meters.forEach(ProvwatchMetrics::remove);
  }

  private void health(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      reply(exchange, 405, "text/plain", "GET only\n");
      return;
    }
    StringBuilder body = new StringBuilder("{\"status\":\"");
    StringBuilder components = new StringBuilder();
    boolean allUp = true;
    for (Map.Entry<String, BooleanSupplier> e : health.entrySet()) {
      boolean up = safe(e.getValue());
      allUp &= up;
      components.append(components.length() == 0 ? "" : ",").append('"').append(e.getKey()).append("\":\"").append(up ? "UP" : "DOWN").append('"');
    }
    body.append(allUp ? "UP" : "DOWN").append("\",\"components\":{").append(components).append("}}\n");
    reply(exchange, allUp ? 200 : 503, "application/json", body.toString());
  }

  private void metrics(HttpExchange exchange) throws IOException {
    reply(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", ProvwatchMetrics.registry().scrape());
  }

  private static boolean safe(BooleanSupplier check) {
    try {
      return check.getAsBoolean();
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void reply(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

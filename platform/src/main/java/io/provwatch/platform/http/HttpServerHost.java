package io.provwatch.platform.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Meter;
import io.provwatch.platform.PlatformStartupException;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The HTTP server of a provwatch process: {@code GET /health} (200 when every component is up,
 * 503 otherwise, JSON body naming each), {@code GET /metrics} (the process's {@link ProvwatchMetrics}
 * in Prometheus text format), and whatever handlers a stage adds, such as ingest's {@code /v1/posts}.
 * Each route needs an {@link HttpScope}, checked by the {@link HttpSecurity} it was started with, before its handler runs.
 */
public final class HttpServerHost implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpSecurity security;
  private final Map<String, BooleanSupplier> health = new ConcurrentSkipListMap<>();
  private final List<Meter> meters = new CopyOnWriteArrayList<>();

  private HttpServerHost(HttpServer server, ExecutorService executor, HttpSecurity security) {
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
    HttpServer server;
    try {
      server = security.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 100);
    } catch (IOException e) {
      throw new PlatformStartupException("HTTP server cannot listen on " + bindAddress + ":" + port
          + " (" + e.getMessage() + "). Stop whatever uses the port or set http.port.", e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "provwatch-http");
      t.setDaemon(true);
      return t;
    });
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
    server.createContext(path, handler).getFilters().add(security.filter(exchange -> scope));
    return this;
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
    HttpServers.stop(server, executor);
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

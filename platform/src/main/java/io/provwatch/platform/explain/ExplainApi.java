package io.provwatch.platform.explain;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.http.HttpScope;
import io.provwatch.platform.http.HttpServerHost;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.UnknownStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The explain API: {@code GET} routes that answer from a Kafka Streams key-value store by the key in
 * the path, e.g. {@code /v1/posts/{id}/assessment} from {@code assessments-by-post}. Whichever
 * instance is asked, the answer comes from the instance that owns the key: it is found with
 * {@link KafkaStreams#queryMetadataForKey} and asked over HTTP at its advertised {@code application.server}
 * (one hop at most: a forwarded request carries {@value #FORWARDED_HEADER} and is never forwarded again).
 * Bodies are JSON (Avro records via {@link AvroJson}); an error is {@code {"error","route","store","key"}}:
 * 404 for an unknown key (with a route's own message, e.g. one naming the store's retention), 503 with {@code Retry-After: 1} while the stage starts or rebalances (the owner
 * is not known, or its store is not queryable), or when the owner cannot be reached; {@value #SERVED_BY_HEADER}
 * names the instance that answered.
 */
public final class ExplainApi {
  public static final String FORWARDED_HEADER = "X-Provwatch-Forwarded";
  public static final String SERVED_BY_HEADER = "X-Provwatch-Served-By";
  /** Seconds a client waits before asking again after a 503: a rebalance usually settles within a few. */
  static final String RETRY_AFTER_SECONDS = "1";
  private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(10);
  private static final String NOT_FOUND = "not found";

  private final HttpServerHost host;
  private final Optional<HostInfo> self;
  private final HttpClient client;

  private ExplainApi(HttpServerHost host, Optional<HostInfo> self) {
    this.host = host;
    this.self = self;
    this.client = host.security().clientBuilder().connectTimeout(Duration.ofSeconds(3)).build();
  }

  /**
   * {@code config} with the advertised host and port of {@code http} filled in: start a stage with it,
   * so that Kafka Streams advertises where its keys can be queried.
   */
  public static ProvwatchConfig advertised(ProvwatchConfig config, HttpServerHost http) {
    int port = config.getInt(ProvwatchConfig.HTTP_ADVERTISED_PORT);
    return config.with(Map.of(ProvwatchConfig.HTTP_ADVERTISED_HOST, config.advertisedHost(),
        ProvwatchConfig.HTTP_ADVERTISED_PORT, Integer.toString(port > 0 ? port : http.port())));
  }

  /** The API on {@code http}, this instance being the one {@code config} advertises (see {@link #advertised}). */
  public static ExplainApi on(HttpServerHost http, ProvwatchConfig config) {
    int port = config.getInt(ProvwatchConfig.HTTP_ADVERTISED_PORT);
    return new ExplainApi(http, port > 0 ? Optional.of(new HostInfo(config.advertisedHost(), port)) : Optional.empty());
  }

  /**
   * Serves {@code pattern} (a path with one {@code {id}}, e.g. {@code /v1/alerts/{id}}) from the
   * key-value store {@code store} of the stage {@code streams}, keyed by strings.
   */
  public ExplainApi route(String pattern, String store, Supplier<KafkaStreams> streams) {
    return route(pattern, store, QueryableStage.of(streams), NOT_FOUND);
  }

  /**
   * Serves {@code pattern} from a store that {@link ExplainStore} keeps (the latest value of each key
   * for a retention), answering a key the store does not hold with the error {@code notFound}, e.g. one
   * that says how long the store keeps keys (see {@link ExplainStore#notFound}).
   */
  public ExplainApi latestRoute(String pattern, String store, Supplier<KafkaStreams> streams, String notFound) {
    return route(pattern, store, QueryableStage.ofLatest(streams), notFound);
  }

  ExplainApi route(String pattern, String store, QueryableStage stage) {
    return route(pattern, store, stage, NOT_FOUND);
  }

  ExplainApi route(String pattern, String store, QueryableStage stage, String notFound) {
    Route route = Route.parse(pattern, store);
    host.handle(route.prefix(), HttpScope.EXPLAIN, exchange -> serve(exchange, route, stage, notFound));
    return this;
  }

  /** A path pattern split around its {@code {id}}. */
  record Route(String prefix, String suffix, String store) {
    String pattern() {
      return prefix + "{id}" + suffix;
    }

    static Route parse(String pattern, String store) {
      int at = pattern.indexOf("{id}");
      if (at < 0 || !pattern.startsWith("/") || pattern.indexOf("{id}", at + 1) >= 0) {
        throw new IllegalArgumentException("route pattern needs exactly one {id}: " + pattern);
      }
      return new Route(pattern.substring(0, at), pattern.substring(at + 4), store);
    }

    /** The key in {@code path}, or empty when the path is not this route's. */
    Optional<String> key(String path) {
      if (!path.startsWith(prefix) || !path.endsWith(suffix) || path.length() <= prefix.length() + suffix.length()) {
        return Optional.empty();
      }
      String raw = path.substring(prefix.length(), path.length() - suffix.length());
      return raw.contains("/") ? Optional.empty() : Optional.of(URLDecoder.decode(raw, StandardCharsets.UTF_8));
    }
  }

  private void serve(HttpExchange exchange, Route route, QueryableStage stage, String notFound) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        reply(exchange, 405, error("GET only", route, null));
        return;
      }
      String rawPath = exchange.getRequestURI().getRawPath();
      Optional<String> key = route.key(rawPath);
      if (key.isEmpty()) {
        reply(exchange, 404, error("no such resource", route, null));
        return;
      }
      KafkaStreams.State state = stage.state();
      if (state != KafkaStreams.State.RUNNING) {
        unavailable(exchange, "not ready: the stage is " + state, route, key.get());
        return;
      }
      KeyQueryMetadata owner;
      try {
        owner = stage.owner(route.store(), key.get());
      } catch (IllegalStateException e) { // the stage left RUNNING since the check above
        unavailable(exchange, "not ready: " + e.getMessage(), route, key.get());
        return;
      }
      if (owner == null) {
        reply(exchange, 404, error("this stage has no store '" + route.store() + "'", route, key.get()));
        return;
      }
      HostInfo active = owner.activeHost();
      boolean ownerUnknown = active == null || active.equals(HostInfo.unavailable());
      // without an advertised address there is one instance: every key is local
      if (self.isPresent() && ownerUnknown) {
        unavailable(exchange, "the owner of this key is not known yet (rebalancing)", route, key.get());
        return;
      }
      if (self.isEmpty() || active.equals(self.get())) {
        answerLocally(exchange, route, stage, key.get(), owner, notFound);
      } else if (exchange.getRequestHeaders().containsKey(FORWARDED_HEADER)) {
        unavailable(exchange, "forwarded here, but " + active.host() + ":" + active.port() + " owns the key (rebalancing)", route, key.get());
      } else {
        forward(exchange, route, active, rawPath, key.get());
      }
    }
  }

  private void answerLocally(HttpExchange exchange, Route route, QueryableStage stage, String key, KeyQueryMetadata owner,
      String notFound) throws IOException {
    Object value;
    try {
      value = stage.localValue(route.store(), key, self.isPresent() ? owner.partition() : -1);
    } catch (UnknownStateStoreException e) {
      reply(exchange, 404, error("this stage has no store '" + route.store() + "'", route, key));
      return;
    } catch (InvalidStateStoreException e) {
      unavailable(exchange, "store not queryable now (" + e.getMessage() + ")", route, key);
      return;
    }
    if (value == null) {
      reply(exchange, 404, error(notFound, route, key));
    } else {
      reply(exchange, 200, AvroJson.of(value).toString());
    }
  }

  private void forward(HttpExchange exchange, Route route, HostInfo owner, String rawPath, String key) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(host.security().scheme() + "://" + owner.host() + ":" + owner.port() + rawPath))
        .timeout(FORWARD_TIMEOUT).header(FORWARDED_HEADER, self.map(h -> h.host() + ":" + h.port()).orElse("unknown")).GET();
    // the caller's own credentials: instances share their keys, and the owner checks them again
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      response.headers().firstValue(SERVED_BY_HEADER).ifPresent(v -> exchange.getResponseHeaders().set(SERVED_BY_HEADER, v));
      response.headers().firstValue("Retry-After").ifPresent(v -> exchange.getResponseHeaders().set("Retry-After", v));
      send(exchange, response.statusCode(), response.body());
    } catch (IOException e) {
      unavailable(exchange, "the owner " + owner.host() + ":" + owner.port() + " cannot be reached (" + e.getMessage() + ")", route, key);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unavailable(exchange, "interrupted while asking the owner", route, key);
    }
  }

  /** Every 503 says when to ask again: the cause (a rebalance, an owner restarting) passes. */
  private void unavailable(HttpExchange exchange, String message, Route route, String key) throws IOException {
    exchange.getResponseHeaders().set("Retry-After", RETRY_AFTER_SECONDS);
    reply(exchange, 503, error(message, route, key));
  }

  private static String error(String message, Route route, String key) {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("error", message).put("route", route.pattern()).put("store", route.store());
    if (key != null) {
      node.put("key", key);
    }
    return node.toString();
  }

  private void reply(HttpExchange exchange, int status, String body) throws IOException {
    self.ifPresent(h -> exchange.getResponseHeaders().set(SERVED_BY_HEADER, h.host() + ":" + h.port()));
    send(exchange, status, body);
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}

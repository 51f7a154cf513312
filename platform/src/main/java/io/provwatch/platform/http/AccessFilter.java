package io.provwatch.platform.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Lets an exchange through to its handler only when the caller may use the route: 401 with
 * {@code WWW-Authenticate} when no known key was presented, 403 when the key lacks the scope, each
 * with a JSON body {@code {"error","status","scope"}}. The presented token is never logged or echoed.
 */
final class AccessFilter extends Filter {
  private final ApiKeys keys;
  private final Set<HttpScope> anonymous;
  private final Function<HttpExchange, HttpScope> required;

  /**
   * @param anonymous scopes granted without a key (ignored, everything granted, when {@code keys} is empty)
   * @param required the scope an exchange needs, or null when it is public
   */
  AccessFilter(ApiKeys keys, Set<HttpScope> anonymous, Function<HttpExchange, HttpScope> required) {
    this.keys = keys;
    this.anonymous = Set.copyOf(anonymous);
    this.required = required;
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    HttpScope scope = required.apply(exchange);
    if (scope == null || keys.isEmpty() || anonymous.stream().anyMatch(s -> s.grants(scope))) {
      chain.doFilter(exchange);
      return;
    }
    Optional<ApiKeys.Key> key = keys.authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
    if (key.isEmpty()) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"provwatch\"");
      refuse(exchange, 401, "an API key is required: Authorization: Bearer <token>", scope);
    } else if (!key.get().grants(scope)) {
      refuse(exchange, 403, "API key '" + key.get().name() + "' lacks the scope this route needs", scope);
    } else {
      exchange.setAttribute(HttpScope.CALLER_ATTRIBUTE, key.get().name());
      chain.doFilter(exchange);
    }
  }

  @Override
  public String description() {
    return "provwatch API key check";
  }

  private static void refuse(HttpExchange exchange, int status, String message, HttpScope scope) throws IOException {
    try (exchange) {
      exchange.getRequestBody().close(); // the body is not read: the connection is not reused for it
      byte[] body = ("{\"error\":\"" + message.replace("\"", "'") + "\",\"status\":" + status + ",\"scope\":\""
          + scope.configName() + "\"}\n").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}

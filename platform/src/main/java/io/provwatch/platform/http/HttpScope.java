package io.provwatch.platform.http;

import java.util.Locale;

/**
 * What an API key may do on provwatch's HTTP surfaces. Each route needs one scope; {@link #ADMIN}
 * grants every other one too.
 */
public enum HttpScope {
  /** {@code POST /v1/posts}. */
  INGEST,
  /** The explain API: {@code GET /v1/posts/{id}/assessment}, {@code /v1/campaigns/{id}}, {@code /v1/alerts/{id}}. */
  EXPLAIN,
  /** {@code GET /metrics}. */
  METRICS,
  /** {@code GET /health}. */
  HEALTH,
  /** Writes to the embedded schema registry, and any route that declares no scope of its own. */
  ADMIN;

  /**
   * Exchange attribute naming the API key a request came with (absent: anonymous), for state kept
   * per caller such as ingest's {@code Idempotency-Key}s.
   */
  public static final String CALLER_ATTRIBUTE = "io.provwatch.http.caller";

  /** The name used in configuration, e.g. {@code ingest}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether a holder of {@code this} may use a route that needs {@code required}. */
  public boolean grants(HttpScope required) {
    return this == ADMIN || this == required;
  }

  /** The scope named {@code name} in configuration, or an {@link IllegalArgumentException} listing the valid ones. */
  public static HttpScope fromConfigName(String name) {
    for (HttpScope scope : values()) {
      if (scope.configName().equals(name)) {
        return scope;
      }
    }
    throw new IllegalArgumentException("unknown scope '" + name + "' (ingest, explain, metrics, health or admin)");
  }
}

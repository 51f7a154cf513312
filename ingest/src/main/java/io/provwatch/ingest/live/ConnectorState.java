package io.provwatch.ingest.live;

import java.util.List;
import java.util.Map;

/**
 * What a live connector keeps between runs: where to resume ({@code cursor}, named fields such as
 * {@code time_us} or {@code etag}) and the dedupe keys of what it published lately, oldest first.
 * Both describe only what Kafka acknowledged.
 */
public record ConnectorState(Map<String, String> cursor, List<String> recentKeys) {
  public static final ConnectorState EMPTY = new ConnectorState(Map.of(), List.of());

  public ConnectorState {
    cursor = Map.copyOf(cursor);
    recentKeys = List.copyOf(recentKeys);
  }
}

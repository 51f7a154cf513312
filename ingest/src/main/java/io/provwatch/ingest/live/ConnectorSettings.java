package io.provwatch.ingest.live;

import io.provwatch.platform.config.SourceConfig;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What every live connector needs besides its endpoint: its names, where its cursor lives, how
 * many keys it remembers for dedupe, and its reconnect and checkpoint pacing.
 *
 * @param source the source's name in the configuration, e.g. {@code bsky}
 * @param connector the connector name in posts and dead letters, e.g. {@code bluesky-jetstream:bsky}
 * @param drainTimeout how long a reconnect or stop waits for writes in flight
 */
public record ConnectorSettings(String source, String connector, ConnectorCursorStore store, int dedupeKeys,
    Duration backoffInitial, Duration backoffMax, Duration idleTimeout, Duration checkpointInterval, Duration drainTimeout) {

  /** How long a reconnect or stop waits for writes in flight: longer than the producer's delivery timeout. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofMinutes(3);

  public static ConnectorSettings of(SourceConfig source, String kind, Path dataDir) {
    return new ConnectorSettings(source.name(), kind + ":" + source.name(), ConnectorCursorStore.inDataDir(dataDir, source.name()),
        source.getInt(SourceConfig.DEDUPE_IDS),
        Duration.ofMillis(source.getLong(SourceConfig.BACKOFF_INITIAL_MS)), Duration.ofMillis(source.getLong(SourceConfig.BACKOFF_MAX_MS)),
        Duration.ofMillis(source.getLong(SourceConfig.IDLE_TIMEOUT_MS)), Duration.ofMillis(source.getLong(SourceConfig.CHECKPOINT_INTERVAL_MS)),
        DEFAULT_DRAIN_TIMEOUT);
  }
}

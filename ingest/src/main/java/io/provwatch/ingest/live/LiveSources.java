package io.provwatch.ingest.live;

import io.provwatch.ingest.PostSink;
import io.provwatch.ingest.formats.FeedFormat;
import io.provwatch.ingest.formats.JsonFeedFormat;
import io.provwatch.ingest.formats.CreatedAtBounds;
import io.provwatch.ingest.formats.LanguageDetector;
import io.provwatch.ingest.formats.PostNormaliser;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.config.SourceConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;

/** The live sources of {@value ProvwatchConfig#INGEST_SOURCES}, built from their keys, started and stopped together. */
public final class LiveSources implements AutoCloseable {
  private final List<LiveConnector> connectors;

  private LiveSources(List<LiveConnector> connectors) {
    this.connectors = List.copyOf(connectors);
  }

  /**
   * Builds (does not start) every configured source, each with its cursor in the data directory.
   *
   * @throws ConfigException naming the key of a url that does not suit its source type
   */
  public static LiveSources fromConfig(ProvwatchConfig config, PostSink sink, Clock clock) {
    PostNormaliser normaliser = new PostNormaliser(clock, LanguageDetector.fromConfig(config), CreatedAtBounds.fromConfig(config));
    List<LiveConnector> connectors = new ArrayList<>();
    try {
      for (SourceConfig source : config.sources().values()) {
        connectors.add(create(source, config.dataDir(), sink, normaliser, clock));
      }
    } catch (RuntimeException e) {
      new LiveSources(connectors).close();
      throw e;
    }
    return new LiveSources(connectors);
  }

  static LiveConnector create(SourceConfig source, Path dataDir, PostSink sink, PostNormaliser normaliser, Clock clock) {
    return switch (source.type()) {
      case MASTODON -> new MastodonStreamingConnector(ConnectorSettings.of(source, MastodonStreamingConnector.KIND, dataDir), sink,
          uri(source, SourceConfig.URL, Set.of("http", "https")),
          source.getString(SourceConfig.STREAMING_URL) == null ? null : uri(source, SourceConfig.STREAMING_URL, Set.of("http", "https")),
          source.token() == null ? null : source.token().value(), source.getString(SourceConfig.TIMELINE),
          source.getInt(SourceConfig.BACKFILL_MAX_PAGES), normaliser);
      case BLUESKY_JETSTREAM -> new BlueskyJetstreamConnector(ConnectorSettings.of(source, BlueskyJetstreamConnector.KIND, dataDir), sink,
          uri(source, SourceConfig.URL, Set.of("ws", "wss")), source.getList(SourceConfig.COLLECTIONS),
          Duration.ofMillis(source.getLong(SourceConfig.REWIND_MS)), normaliser);
      case FEED -> new FeedPoller(ConnectorSettings.of(source, FeedPoller.KIND, dataDir), sink,
          uri(source, SourceConfig.URL, Set.of("http", "https")), Duration.ofMillis(source.getLong(SourceConfig.INTERVAL_MS)),
          new FeedFormat(normaliser), new JsonFeedFormat(normaliser), clock);
    };
  }

  private static URI uri(SourceConfig source, String key, Set<String> schemes) {
    String value = source.getString(key);
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
        throw new ConfigException(source.key(key), value, "a " + source.getString(SourceConfig.TYPE) + " source needs a url with a host and scheme "
            + String.join(" or ", schemes.stream().sorted().toList()));
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException(source.key(key), value, "not a url: " + e.getReason());
    }
  }

  public List<LiveConnector> connectors() {
    return connectors;
  }

  public void start() {
    connectors.forEach(LiveConnector::start);
  }

  /** Stops every source (each waits for its writes and saves its cursor). */
  @Override
  public void close() {
    connectors.forEach(LiveConnector::close);
  }
}

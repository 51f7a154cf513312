package io.provwatch.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.ingest.RecordingPostSink;
import io.provwatch.platform.config.ProvwatchConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveSourcesTest {
  @TempDir Path dataDir;

  private ProvwatchConfig config(Map<String, String> sources) {
    Map<String, Object> props = new java.util.HashMap<>(sources);
    props.put(ProvwatchConfig.DATA_DIR, dataDir.toString());
    return new ProvwatchConfig(props);
  }

  @Test
  void eachConfiguredSourceBecomesItsConnectorWithItsCursorInTheDataDirectory() {
    ProvwatchConfig config = config(Map.of("ingest.sources", "masto,bsky,news",
        "ingest.source.masto.type", "mastodon", "ingest.source.masto.url", "https://town.example/",
        "ingest.source.bsky.type", "bluesky-jetstream", "ingest.source.bsky.url", "wss://jetstream.example",
        "ingest.source.news.type", "feed", "ingest.source.news.url", "https://news.example/feed.xml"));
    try (LiveSources sources = LiveSources.fromConfig(config, new RecordingPostSink(), Clock.systemUTC())) {
      assertThat(sources.connectors()).extracting(LiveConnector::connectorName)
          .containsExactly("mastodon-stream:masto", "bluesky-jetstream:bsky", "feed:news");
      assertThat(sources.connectors()).extracting(LiveConnector::endpoint).containsExactly(
          "https://town.example/api/v1/streaming/public", "wss://jetstream.example/subscribe", "https://news.example/feed.xml");
    }
    assertThat(ConnectorCursorStore.inDataDir(config.dataDir(), "bsky").file()).isEqualTo(dataDir.toAbsolutePath().resolve("connectors/bsky.json"));
  }

  @Test
  void aUrlThatDoesNotSuitItsSourceTypeIsAConfigErrorNamingTheKey() {
    ProvwatchConfig config = config(Map.of("ingest.sources", "bsky",
        "ingest.source.bsky.type", "bluesky-jetstream", "ingest.source.bsky.url", "https://jetstream.example"));
    assertThatThrownBy(() -> LiveSources.fromConfig(config, new RecordingPostSink(), Clock.systemUTC()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.source.bsky.url").hasMessageContaining("ws or wss");
  }
}

package io.provwatch.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  @Test
  void flagsOverrideEnvironmentWhichOverridesTheFile() throws Exception {
    Path file = dir.resolve("provwatch.properties");
    Files.writeString(file, "http.port=9000\nembedded.kafka.port=9100\nsink.min.risk=0.4\n");
    ProvwatchConfig config = new ConfigLoader()
        .file(file)
        .environment(Map.of("PROVWATCH_HTTP_PORT", "9001", "PROVWATCH_SINK_MIN_RISK", "0.6", "HOME", "/root"))
        .flags(List.of("http.port=9002"))
        .load();
    assertThat(config.getInt(ProvwatchConfig.HTTP_PORT)).isEqualTo(9002);
    assertThat(config.getDouble(ProvwatchConfig.SINK_MIN_RISK)).isEqualTo(0.6);
    assertThat(config.getInt(ProvwatchConfig.KAFKA_PORT)).isEqualTo(9100);
    assertThat(config.getString(ProvwatchConfig.BIND_ADDRESS)).as("loopback by default").isEqualTo("127.0.0.1");
  }

  @Test
  void theLaunchersOwnVariablesAreNotSettings() {
    ConfigLoader loader = new ConfigLoader().environment(Map.of(
        "PROVWATCH_JAVA_OPTS", "-Xmx384m", "PROVWATCH_DEBUG", "1", "PROVWATCH_TAG", "0.1.0", "PROVWATCH_HTTP_PORT", "9001"));
    assertThat(loader.load().getInt(ProvwatchConfig.HTTP_PORT)).isEqualTo(9001);
    assertThat(loader.describe()).containsOnlyKeys(ProvwatchConfig.HTTP_PORT);
    assertThatThrownBy(() -> new ConfigLoader().environment(Map.of("PROVWATCH_JAVA_OPTIONS", "-Xmx1g")).load())
        .as("a misspelt launcher variable is still an unknown key, not silently dropped")
        .isInstanceOf(ConfigException.class).hasMessageContaining("java.options");
  }

  @Test
  void aBadValueNamesTheKeyAndWhereItCameFrom() {
    assertThatThrownBy(() -> new ConfigLoader().environment(Map.of("PROVWATCH_HTTP_PORT", "eighty")).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http.port")
        .hasMessageContaining("eighty")
        .hasMessageContaining("PROVWATCH_HTTP_PORT");
    assertThatThrownBy(() -> new ConfigLoader().flags(List.of("sink.min.risk=1.5")).load())
        .hasMessageContaining("sink.min.risk").hasMessageContaining("--set");
  }

  @Test
  void theScoringStateRetentionsAreThirtyDaysByDefaultAndMustBePositive() {
    ProvwatchConfig defaults = new ConfigLoader().load();
    assertThat(defaults.getLong(ProvwatchConfig.SCORING_SEEN_POSTS_RETENTION_MS)).isEqualTo(30L * 24 * 3600 * 1000);
    assertThat(defaults.getLong(ProvwatchConfig.SCORING_COPIES_RETENTION_MS)).isEqualTo(30L * 24 * 3600 * 1000);
    assertThat(new ConfigLoader().flags(List.of("scoring.copies.retention.ms=3600000")).load()
        .getLong(ProvwatchConfig.SCORING_COPIES_RETENTION_MS)).isEqualTo(3_600_000L);
    assertThatThrownBy(() -> new ConfigLoader().flags(List.of("scoring.seen.posts.retention.ms=0")).load())
        .isInstanceOf(ConfigException.class).hasMessageContaining("scoring.seen.posts.retention.ms");
    assertThatThrownBy(() -> new ConfigLoader().flags(List.of("scoring.copies.retention.ms=-1")).load())
        .isInstanceOf(ConfigException.class).hasMessageContaining("scoring.copies.retention.ms");
  }

  @Test
  void theSignalsThatOpenAlertsAreSignalScoreOrNeverEntries() {
    assertThat(new ConfigLoader().load().getList(ProvwatchConfig.SINK_ALERT_OPEN_MIN_SCORES))
        .contains("unseen-original=never", "missing-media-digest=never");
    assertThat(new ConfigLoader().flags(List.of("sink.alert.open.min.scores=ai-text=0.9,burst=never")).load()
        .getList(ProvwatchConfig.SINK_ALERT_OPEN_MIN_SCORES)).containsExactly("ai-text=0.9", "burst=never");
    assertThat(new ConfigLoader().flags(List.of("sink.alert.open.min.scores=")).load()
        .getList(ProvwatchConfig.SINK_ALERT_OPEN_MIN_SCORES)).as("empty: every signal opens").isEmpty();
    assertThatThrownBy(() -> new ConfigLoader().flags(List.of("sink.alert.open.min.scores=ai-text")).load())
        .isInstanceOf(ConfigException.class).hasMessageContaining("sink.alert.open.min.scores").hasMessageContaining("signal=score");
    assertThatThrownBy(() -> new ConfigLoader().flags(List.of("sink.alert.open.min.scores=ai-text=1.5")).load())
        .hasMessageContaining("within 0..1");
    assertThatThrownBy(() -> new ConfigLoader().flags(List.of("sink.alert.open.min.scores=ai-text=sometimes")).load())
        .hasMessageContaining("'sometimes' of ai-text is neither a score nor 'never'");
    assertThatThrownBy(() -> new ConfigLoader().flags(List.of("sink.alert.open.min.scores=burst=never,burst=0.5")).load())
        .hasMessageContaining("listed twice");
  }

  @Test
  void anUnknownKeyIsRefusedWithASuggestion() {
    assertThatThrownBy(() -> new ConfigLoader().flags(List.of("htp.port=1")).load())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'htp.port'")
        .hasMessageContaining("did you mean 'http.port'");
  }

  @Test
  void kafkaClientSettingsPassThroughAndSecretsAreMasked() {
    ConfigLoader loader = new ConfigLoader().flags(List.of(
        "kafka.security.protocol=SASL_SSL",
        "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p4ss\";",
        "basic.auth.user.info=user:s3cret"));
    ProvwatchConfig config = loader.load();
    assertThat(config.kafkaClientProperties()).containsEntry("security.protocol", "SASL_SSL").containsKey("sasl.jaas.config");
    assertThat(config.serdeConfig()).containsEntry("basic.auth.user.info", "user:s3cret");
    assertThat(loader.describe().toString()).doesNotContain("p4ss").doesNotContain("s3cret").contains("SASL_SSL");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> new ConfigLoader().file(dir.resolve("nope.properties")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("nope.properties");
  }

  @Test
  void environmentNamesMapToDottedKeys() {
    assertThat(ConfigLoader.envToKey("PROVWATCH_KAFKA_SASL_MECHANISM")).isEqualTo("kafka.sasl.mechanism");
  }

  @Test
  void liveSourcesAreTypedPerNameWithTheirTokenHidden() {
    ConfigLoader loader = new ConfigLoader()
        .environment(Map.of("PROVWATCH_INGEST_SOURCE_MASTO_TOKEN", "tok-123"))
        .flags(List.of("ingest.sources=masto,bsky", "ingest.source.masto.type=mastodon", "ingest.source.masto.url=https://town.example",
            "ingest.source.bsky.type=bluesky-jetstream", "ingest.source.bsky.url=wss://jetstream.example", "ingest.source.bsky.rewind.ms=5000",
            "ingest.source.old.type=feed"));
    ProvwatchConfig config = loader.load();
    assertThat(config.sources()).containsOnlyKeys("masto", "bsky");
    SourceConfig masto = config.sources().get("masto");
    assertThat(masto.type()).isEqualTo(SourceConfig.Type.MASTODON);
    assertThat(masto.token().value()).isEqualTo("tok-123");
    assertThat(masto.getString(SourceConfig.TIMELINE)).isEqualTo("public");
    assertThat(config.sources().get("bsky").getLong(SourceConfig.REWIND_MS)).isEqualTo(5000L);
    assertThat(config.sources().get("bsky").getList(SourceConfig.COLLECTIONS)).containsExactly("app.bsky.feed.post");
    assertThat(masto.describe()).containsEntry("ingest.source.masto.token", "[hidden]").containsEntry("ingest.source.masto.url", "https://town.example");
    assertThat(masto.describe().toString() + loader.describe() + masto).doesNotContain("tok-123");
  }

  @Test
  void aSourceErrorNamesTheFullKey() {
    assertThatThrownBy(() -> new ConfigLoader().flags(List.of("ingest.sources=news", "ingest.source.news.url=https://news.example/feed")).load())
        .isInstanceOf(ConfigException.class).hasMessageContaining("ingest.source.news.type");
    assertThatThrownBy(() -> new ConfigLoader().flags(List.of("ingest.sources=masto", "ingest.source.masto.type=mastodon",
        "ingest.source.masto.url=https://town.example", "ingest.source.masto.timeline=federated")).load())
        .hasMessageContaining("ingest.source.masto.timeline").hasMessageContaining("federated").hasMessageContaining("--set");
    assertThatThrownBy(() -> new ConfigLoader().flags(List.of("ingest.sources=news", "ingest.source.news.type=feed",
        "ingest.source.news.url=https://news.example/feed", "ingest.source.news.intervall.ms=60000")).load())
        .hasMessageContaining("'ingest.source.news.intervall.ms'").hasMessageContaining("did you mean 'ingest.source.news.interval.ms'");
    assertThatThrownBy(() -> new ConfigLoader().flags(List.of("ingest.sources=news-1")).load())
        .hasMessageContaining("ingest.sources").hasMessageContaining("news-1");
    assertThatThrownBy(() -> new ConfigLoader().flags(List.of("ingest.sources=a,a")).load()).hasMessageContaining("named twice");
  }
}

package io.provwatch.sink.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.platform.config.ProvwatchConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {
  @Test
  void noUrlMeansNoWebhookAndUrlsComeWithTheirSettings() {
    assertThat(WebhookSettings.fromConfig(new ProvwatchConfig(Map.of()))).isNull();
    WebhookSettings settings = WebhookSettings.fromConfig(new ProvwatchConfig(Map.of(
        ProvwatchConfig.SINK_WEBHOOK_URLS, "https://a.example/hook,http://127.0.0.1:9000/x",
        ProvwatchConfig.SINK_WEBHOOK_SECRET, "top-secret",
        ProvwatchConfig.SINK_WEBHOOK_BACKOFF_INITIAL_MS, "250")));
    assertThat(settings.urls()).containsExactly(URI.create("https://a.example/hook"), URI.create("http://127.0.0.1:9000/x"));
    assertThat(settings.secret()).isEqualTo("top-secret");
    assertThat(settings.backoffInitial()).isEqualTo(Duration.ofMillis(250));
    assertThat(settings.toString()).doesNotContain("top-secret").doesNotContain("/hook").contains("https://a.example");
  }

  @Test
  void urlsWithoutASecretOrUrlsThatAreNoneAreRefusedWithoutEchoingThem() {
    assertThatThrownBy(() -> new ProvwatchConfig(Map.of(ProvwatchConfig.SINK_WEBHOOK_URLS, "https://a.example/hook")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("sink.webhook.secret");
    assertThatThrownBy(() -> new ProvwatchConfig(Map.of(ProvwatchConfig.SINK_WEBHOOK_URLS, "ftp://a.example/T0K3N",
        ProvwatchConfig.SINK_WEBHOOK_SECRET, "s")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("sink.webhook.urls").hasMessageNotContaining("T0K3N");
    assertThatThrownBy(() -> new ProvwatchConfig(Map.of(ProvwatchConfig.SINK_WEBHOOK_URLS, "https://a.example/x y T0K3N",
        ProvwatchConfig.SINK_WEBHOOK_SECRET, "s")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("not a url").hasMessageNotContaining("T0K3N");
  }
}

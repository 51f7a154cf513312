package io.provwatch.sink.webhook;

import io.provwatch.platform.config.ProvwatchConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** The webhook sink's settings ({@code sink.webhook.*}); the secret never shows in {@link #toString()}. */
public record WebhookSettings(List<URI> urls, String secret, String groupId, int maxAttempts, Duration backoffInitial,
    Duration backoffMax, Duration timeout, int concurrency) {

  /** The settings, or null when no url is configured (no webhook delivery). */
  public static WebhookSettings fromConfig(ProvwatchConfig config) {
    List<String> urls = config.getList(ProvwatchConfig.SINK_WEBHOOK_URLS);
    if (urls.isEmpty()) {
      return null;
    }
    return new WebhookSettings(urls.stream().map(URI::create).toList(),
        config.getPassword(ProvwatchConfig.SINK_WEBHOOK_SECRET).value(),
        config.getString(ProvwatchConfig.SINK_WEBHOOK_GROUP_ID),
        config.getInt(ProvwatchConfig.SINK_WEBHOOK_MAX_ATTEMPTS),
        Duration.ofMillis(config.getLong(ProvwatchConfig.SINK_WEBHOOK_BACKOFF_INITIAL_MS)),
        Duration.ofMillis(config.getLong(ProvwatchConfig.SINK_WEBHOOK_BACKOFF_MAX_MS)),
        Duration.ofMillis(config.getInt(ProvwatchConfig.SINK_WEBHOOK_TIMEOUT_MS)),
        config.getInt(ProvwatchConfig.SINK_WEBHOOK_CONCURRENCY));
  }

  @Override
  public String toString() {
    return "WebhookSettings[urls=" + urls.stream().map(WebhookSender::redacted).toList() + ", secret=(redacted), groupId=" + groupId
        + ", maxAttempts=" + maxAttempts + ", backoff=" + backoffInitial.toMillis() + ".." + backoffMax.toMillis() + " ms, timeout="
        + timeout.toMillis() + " ms, concurrency=" + concurrency + "]";
  }
}

package io.provwatch.scoring.secondtier;

import io.provwatch.platform.config.ProvwatchConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of the optional second-tier detector.
 *
 * @param threshold first-tier ai-text score from which a post is sent
 * @param maxInFlight calls under way at once; beyond them a post keeps its first-tier assessment
 * @param breakerFailures consecutive failures that open the circuit breaker
 * @param breakerOpen how long it stays open before a trial call
 */
public record SecondTierSettings(URI endpoint, double threshold, Duration timeout, int maxInFlight, int breakerFailures, Duration breakerOpen) {

  /** The settings, or empty when {@code scoring.second.tier.url} is empty (the default): the second tier is off. */
  public static Optional<SecondTierSettings> fromConfig(ProvwatchConfig config) {
    String url = config.getString(ProvwatchConfig.SCORING_SECOND_TIER_URL).trim();
    if (url.isEmpty()) {
      return Optional.empty();
    }
    URI endpoint;
    try {
      endpoint = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(ProvwatchConfig.SCORING_SECOND_TIER_URL, url, "not a URL: " + e.getMessage());
    }
    if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())) || endpoint.getHost() == null) {
      throw new ConfigException(ProvwatchConfig.SCORING_SECOND_TIER_URL, url, "expected an http:// or https:// URL with a host");
    }
    return Optional.of(new SecondTierSettings(endpoint, config.getDouble(ProvwatchConfig.SCORING_SECOND_TIER_THRESHOLD),
        Duration.ofMillis(config.getLong(ProvwatchConfig.SCORING_SECOND_TIER_TIMEOUT_MS)),
        config.getInt(ProvwatchConfig.SCORING_SECOND_TIER_MAX_IN_FLIGHT),
        config.getInt(ProvwatchConfig.SCORING_SECOND_TIER_BREAKER_FAILURES),
        Duration.ofMillis(config.getLong(ProvwatchConfig.SCORING_SECOND_TIER_BREAKER_OPEN_MS))));
  }
}

package io.provwatch.sink;

import io.provwatch.platform.config.ProvwatchConfig;

/**
 * The timing of alert lifecycles, in stream time: an open alert closes {@code quietPeriodMs} after
 * its last assessment; within {@code suppressionWindowMs} of that, a repeat updates or reopens it.
 *
 * @param maxPostIds most post ids one alert lists
 */
public record LifecycleWindows(long quietPeriodMs, long suppressionWindowMs, int maxPostIds) {
  public LifecycleWindows {
    if (quietPeriodMs < 1 || suppressionWindowMs < 0 || maxPostIds < 1) {
      throw new IllegalArgumentException("quiet period >= 1 ms, suppression window >= 0 ms and at least one post id, got "
          + quietPeriodMs + ", " + suppressionWindowMs + ", " + maxPostIds);
    }
  }

  public static LifecycleWindows fromConfig(ProvwatchConfig config) {
    return new LifecycleWindows(config.getLong(ProvwatchConfig.SINK_ALERT_QUIET_PERIOD_MS),
        config.getLong(ProvwatchConfig.SINK_ALERT_SUPPRESSION_WINDOW_MS), config.getInt(ProvwatchConfig.SINK_ALERT_MAX_POST_IDS));
  }

  /** How often (in stream time) open alerts are checked for quiet: often enough that closes are not late by much. */
  public long checkIntervalMs() {
    return Math.max(1, Math.min(quietPeriodMs, 60_000));
  }
}

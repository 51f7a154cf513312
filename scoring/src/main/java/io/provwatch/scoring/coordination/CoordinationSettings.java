package io.provwatch.scoring.coordination;

import io.provwatch.platform.config.ProvwatchConfig;

/**
 * The coordination parameters, in ms of publication time.
 *
 * @param timeWindowMs CooRTweet's time_window: two shares of an object are a co-share when at most this far apart
 * @param minRepetition CooRTweet's min_repetition: distinct co-shared objects that make an account pair coordinated
 * @param retentionMs how long an object's shares are kept behind the newest share the step has seen (see {@link CoShareStep})
 * @param campaignMinAccounts accounts a campaign needs before it is published
 * @param pairRetentionMs how long after its latest co-share a pair is kept
 * @param minHashtags hashtags a post needs for its hashtag sequence to be an object
 * @param groups coordination groups: what a post sends to the co-share step, and a share to the pair step, is one record per group
 */
public record CoordinationSettings(long timeWindowMs, int minRepetition, long retentionMs, int campaignMinAccounts,
    long pairRetentionMs, int minHashtags, int groups) {

  /** Most co-shares one share reports; a larger crowd within one window is no longer told apart (the first ones in time count). */
  public static final int MAX_PARTNERS_PER_SHARE = 1000;

  public CoordinationSettings {
    if (timeWindowMs <= 0 || minRepetition < 1 || campaignMinAccounts < 2 || pairRetentionMs <= 0 || minHashtags < 1
        || retentionMs < timeWindowMs || groups < 1) {
      throw new IllegalArgumentException("invalid coordination settings: " + this);
    }
  }

  /** From config; one group per partition of the topics ({@code topics.partitions}). */
  public static CoordinationSettings fromConfig(ProvwatchConfig config) {
    return new CoordinationSettings(
        config.getLong(ProvwatchConfig.COORDINATION_TIME_WINDOW_MS),
        config.getInt(ProvwatchConfig.COORDINATION_MIN_REPETITION),
        config.getLong(ProvwatchConfig.COORDINATION_RETENTION_MS),
        config.getInt(ProvwatchConfig.COORDINATION_CAMPAIGN_MIN_ACCOUNTS),
        config.getLong(ProvwatchConfig.COORDINATION_PAIR_RETENTION_MS),
        config.getInt(ProvwatchConfig.COORDINATION_MIN_HASHTAGS),
        config.getInt(ProvwatchConfig.TOPIC_PARTITIONS));
  }
}

package io.provwatch.scoring.coordination;

import io.provwatch.platform.config.ProvwatchConfig;

/**
 * The coordination and burst parameters, in ms of event time.
 *
 * @param timeWindowMs CooRTweet's time_window: two shares of an object are a co-share when at most this far apart
 * @param minRepetition CooRTweet's min_repetition: distinct co-shared objects that make an account pair coordinated
 * @param graceMs how much older than the newest share of an object a share may be and still be compared
 * @param campaignMinAccounts accounts linked by co-shares of one object before it is a campaign
 * @param pairRetentionMs how long after its latest co-share a pair (and an author's history) is kept
 * @param minHashtags hashtags a post needs for its hashtag sequence to be an object
 * @param burstWindowMs sliding window of the per-author rate
 * @param burstAuthorMaxPosts posts per burst window from which an author bursts
 * @param burstBaselineFactor times their own average per window an author must post to burst
 * @param burstObjectMaxAccounts accounts per time window from which an object bursts
 */
public record CoordinationSettings(long timeWindowMs, int minRepetition, long graceMs, int campaignMinAccounts,
    long pairRetentionMs, int minHashtags, long burstWindowMs, int burstAuthorMaxPosts, double burstBaselineFactor,
    int burstObjectMaxAccounts) {

  /** Most pair updates one share fans out to; a larger crowd is a burst anyway (see burstObjectMaxAccounts). */
  public static final int MAX_PARTNERS_PER_SHARE = 1000;

  public CoordinationSettings {
    if (timeWindowMs <= 0 || graceMs < 0 || minRepetition < 1 || campaignMinAccounts < 2 || pairRetentionMs <= 0
        || burstWindowMs <= 0 || burstAuthorMaxPosts < 2 || burstBaselineFactor < 1 || burstObjectMaxAccounts < 2 || minHashtags < 1) {
      throw new IllegalArgumentException("invalid coordination settings: " + this);
    }
  }

  public static CoordinationSettings fromConfig(ProvwatchConfig config) {
    return new CoordinationSettings(
        config.getLong(ProvwatchConfig.COORDINATION_TIME_WINDOW_MS),
        config.getInt(ProvwatchConfig.COORDINATION_MIN_REPETITION),
        config.getLong(ProvwatchConfig.COORDINATION_GRACE_MS),
        config.getInt(ProvwatchConfig.COORDINATION_CAMPAIGN_MIN_ACCOUNTS),
        config.getLong(ProvwatchConfig.COORDINATION_PAIR_RETENTION_MS),
        config.getInt(ProvwatchConfig.COORDINATION_MIN_HASHTAGS),
        config.getLong(ProvwatchConfig.BURST_WINDOW_MS),
        config.getInt(ProvwatchConfig.BURST_AUTHOR_MAX_POSTS),
        config.getDouble(ProvwatchConfig.BURST_BASELINE_FACTOR),
        config.getInt(ProvwatchConfig.BURST_OBJECT_MAX_ACCOUNTS));
  }

  /** The window an object's shares are compared in: the burst window for an author, the time window otherwise. */
  public long windowFor(String kind) {
    return SharedObject.AUTHOR.equals(kind) ? burstWindowMs : timeWindowMs;
  }

  /** How long shares of an object are kept after its newest share: any on-time share can still meet them. */
  public long retentionFor(String kind) {
    return windowFor(kind) + graceMs;
  }
}

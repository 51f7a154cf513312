package io.provwatch.scoring;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsSettings;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.topics.Topics;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;

/** The scoring stage as a running service. */
public final class ScoringService {
  public static final String STAGE = "scoring";

  private ScoringService() {}

  /** Starts the production scoring topology with settings from {@code config}. */
  public static StreamsStage start(ProvwatchConfig config) {
    return new StreamsStage(STAGE, ScoringTopologyBuilder.fromConfig(config).build(),
        StreamsSettings.forStage(config, config.getString(ProvwatchConfig.SCORING_APPLICATION_ID), STAGE, Topics.ASSESSMENTS_DLQ))
        .start();
  }

  /**
   * Posts this instance holds until the media stage has checked their media (see
   * {@code scoring.media.wait.ms}); -1 while its stores are not queryable (starting or rebalancing).
   */
  public static long postsAwaitingMedia(StreamsStage scoring) {
    try {
      var store = scoring.streams().store(StoreQueryParameters.fromNameAndType(
          ScoringTopologyBuilder.AWAITING_MEDIA_SINCE_STORE, QueryableStoreTypes.<String, Long>keyValueStore()));
      long count = 0;
      try (KeyValueIterator<String, Long> held = store.all()) {
        for (; held.hasNext(); held.next()) {
          count++;
        }
      }
      return count;
    } catch (InvalidStateStoreException e) {
      return -1;
    }
  }
}

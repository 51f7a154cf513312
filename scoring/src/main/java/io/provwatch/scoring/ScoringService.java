package io.provwatch.scoring;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsSettings;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.topics.Topics;

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
}

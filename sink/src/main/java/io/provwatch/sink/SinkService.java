package io.provwatch.sink;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsSettings;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.topics.Topics;

/** The sink stage as a running service. */
public final class SinkService {
  public static final String STAGE = "sink";

  private SinkService() {}

  public static StreamsStage start(ProvwatchConfig config) {
    return new StreamsStage(STAGE, AlertTopologyBuilder.fromConfig(config).build(),
        StreamsSettings.forStage(config, config.getString(ProvwatchConfig.SINK_APPLICATION_ID), STAGE, Topics.ALERTS_DLQ))
        .start();
  }
}

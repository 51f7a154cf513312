package io.provwatch.app;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.scoring.ScoringService;
import io.provwatch.scoring.media.MediaStage;
import io.provwatch.sink.SinkService;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The media, scoring and sink stages in this JVM, as {@code demo} runs them and {@code eval alerts}
 * measures them. Closing stops the sink first, then scoring, then the media stage.
 */
record PipelineStages(MediaStage media, StreamsStage scoring, StreamsStage sink) implements AutoCloseable {
  /**
   * Starts the media stage, publishes the sample claim bank and domain list when asked (before scoring,
   * whose global stores then start with them), then scoring and sink.
   *
   * @param config the media stage's and the samples' configuration
   * @param stagesConfig scoring's and sink's: the demo's advertises its HTTP server for the explain API
   */
  static PipelineStages start(ProvwatchConfig config, ProvwatchConfig stagesConfig, boolean loadSamples, PrintWriter err) throws IOException {
    MediaStage media = MediaStage.start(config);
    StreamsStage scoring = null;
    try {
      if (loadSamples) {
        ReferenceImportCommands.loadSamples(config, err);
      }
      scoring = ScoringService.start(stagesConfig);
      return new PipelineStages(media, scoring, SinkService.start(stagesConfig));
    } catch (IOException | RuntimeException e) {
      Stages.closeAll(scoring, media);
      throw e;
    }
  }

  /** Posts scoring holds for media verdicts (-1: unknown), for {@link PipelineCatchUp}. */
  long postsAwaitingMedia() {
    return ScoringService.postsAwaitingMedia(scoring);
  }

  @Override
  public void close() {
    Stages.closeAll(sink, scoring, media);
  }
}

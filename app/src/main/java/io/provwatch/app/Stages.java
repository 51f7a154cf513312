package io.provwatch.app;

import io.provwatch.ingest.CanonicalPostParser;
import io.provwatch.ingest.HttpIngestHandler;
import io.provwatch.ingest.PostPublisher;
import io.provwatch.ingest.live.LiveConnector;
import io.provwatch.ingest.live.LiveSources;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.explain.ExplainApi;
import io.provwatch.platform.explain.ExplainStore;
import io.provwatch.platform.http.HttpServerHost;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.ScoringTopologyBuilder;
import io.provwatch.scoring.media.MediaStage;
import java.time.Clock;

/** Wiring shared by {@code demo} and {@code run}: the HTTP host with ingest, health and metrics. */
final class Stages {
  // stores of the coordination detector (scoring) and the alert lifecycle (sink); until a stage has
  // its store, the route answers 404 naming it
  private static final String CAMPAIGNS_STORE = io.provwatch.scoring.coordination.CoordinationTopology.CAMPAIGNS_STORE;
  private static final String ALERTS_BY_ID_STORE = io.provwatch.sink.AlertTopologyBuilder.ALERTS_BY_ID_STORE;

  private Stages() {}

  static HttpServerHost httpHost(ProvwatchConfig config) {
    return HttpServerHost.start(config.getString(ProvwatchConfig.BIND_ADDRESS), config.getInt(ProvwatchConfig.HTTP_PORT));
  }

  static void addIngest(HttpServerHost host, ProvwatchConfig config, PostPublisher publisher) {
    host.handle(HttpIngestHandler.PATH, new HttpIngestHandler(new CanonicalPostParser(Clock.systemUTC()), publisher,
        config.getInt(ProvwatchConfig.INGEST_MAX_BODY_BYTES), config.getInt(ProvwatchConfig.INGEST_MAX_BATCH_SIZE)));
    host.metric("provwatch_ingest_posts_published_total", publisher::published)
        .metric("provwatch_ingest_dead_letters_total", publisher::deadLettered)
        .metric("provwatch_ingest_publish_failures_total", publisher::failed);
  }

  /** Per-source metrics of the live sources, labelled by source name. */
  static void addLiveSources(HttpServerHost host, LiveSources sources) {
    for (LiveConnector source : sources.connectors()) {
      String label = "{source=\"" + source.source() + "\"}";
      host.metric("provwatch_ingest_source_published_total" + label, source::published)
          .metric("provwatch_ingest_source_duplicates_total" + label, source::duplicates)
          .metric("provwatch_ingest_source_dead_letters_total" + label, source::deadLettered)
          .metric("provwatch_ingest_source_reconnects_total" + label, source::reconnects)
          .metric("provwatch_ingest_source_connected" + label, () -> source.isConnected() ? 1 : 0);
    }
  }

  static void addStage(HttpServerHost host, String name, StreamsStage stage) {
    host.healthCheck(name, stage::isHealthy);
    host.metric("provwatch_" + name + "_running", () -> stage.isHealthy() ? 1 : 0);
  }

  /**
   * The explain API of the scoring stage on its HTTP server; {@code config} is the one the stage was
   * started with ({@link ExplainApi#advertised}). One line per queryable store.
   */
  static void addScoringExplain(HttpServerHost host, ProvwatchConfig config, StreamsStage scoring) {
    ExplainApi.on(host, config)
        .route("/v1/posts/{id}/assessment", ScoringTopologyBuilder.ASSESSMENTS_BY_POST_STORE, scoring::streams,
            ExplainStore.notFound(Topics.ASSESSMENTS.name(), config.getLong(ProvwatchConfig.EXPLAIN_RETENTION_MS)))
        .route("/v1/campaigns/{id}", CAMPAIGNS_STORE, scoring::streams);
  }

  /** The explain API of the sink stage: alerts by id. */
  static void addSinkExplain(HttpServerHost host, ProvwatchConfig config, StreamsStage sink) {
    ExplainApi.on(host, config).route("/v1/alerts/{id}", ALERTS_BY_ID_STORE, sink::streams,
        ExplainStore.notFound(Topics.ALERTS.name(), config.getLong(ProvwatchConfig.EXPLAIN_RETENTION_MS)));
  }

  static void addMedia(HttpServerHost host, MediaStage media) {
    host.healthCheck(MediaStage.STAGE, media::isHealthy);
    host.metric("provwatch_media_verdicts_written_total", media::verdictsWritten);
  }

  static void closeAll(AutoCloseable... closeables) {
    for (AutoCloseable c : closeables) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("provwatch: while stopping: " + CliErrors.message(e));
      }
    }
  }
}

package io.provwatch.app;

import io.micrometer.core.instrument.Tags;
import io.provwatch.ingest.CanonicalPostParser;
import io.provwatch.ingest.HttpIngestHandler;
import io.provwatch.ingest.PostPublisher;
import io.provwatch.ingest.formats.CreatedAtBounds;
import io.provwatch.ingest.live.LiveConnector;
import io.provwatch.ingest.live.LiveSources;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.explain.ExplainApi;
import io.provwatch.platform.explain.ExplainStore;
import io.provwatch.platform.http.HttpScope;
import io.provwatch.platform.http.HttpSecurity;
import io.provwatch.platform.http.HttpServerHost;
import io.provwatch.platform.metrics.ProvwatchMetrics;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.ScoringTopologyBuilder;
import io.provwatch.scoring.media.MediaStage;
import java.time.Clock;
import java.time.Duration;

/** Wiring shared by {@code demo} and {@code run}: the HTTP host with ingest, health and metrics. */
final class Stages {
  // stores of the coordination detector (scoring) and the alert lifecycle (sink); until a stage has
  // its store, the route answers 404 naming it
  private static final String CAMPAIGNS_STORE = io.provwatch.scoring.coordination.CoordinationTopology.CAMPAIGNS_STORE;
  private static final String ALERTS_BY_ID_STORE = io.provwatch.sink.AlertTopologyBuilder.ALERTS_BY_ID_STORE;

  private Stages() {}

  static HttpServerHost httpHost(ProvwatchConfig config) {
    HttpServerHost host = HttpServerHost.start(config.getString(ProvwatchConfig.BIND_ADDRESS), config.getInt(ProvwatchConfig.HTTP_PORT),
        HttpSecurity.fromConfig(config), HttpServerHost.Limits.fromConfig(config));
    return host.meter(ProvwatchMetrics.gauge("provwatch.http.queued", "HTTP requests waiting for a worker", Tags.empty(), host,
            HttpServerHost::queuedRequests))
        .meter(ProvwatchMetrics.functionCounter("provwatch.http.refused", "HTTP requests answered 503 because the request queue was full",
            Tags.empty(), host, HttpServerHost::refusedRequests));
  }

  static void addIngest(HttpServerHost host, ProvwatchConfig config, PostPublisher publisher) {
    host.handle(HttpIngestHandler.PATH, HttpScope.INGEST, new HttpIngestHandler(new CanonicalPostParser(Clock.systemUTC(), CreatedAtBounds.fromConfig(config)), publisher,
        config.getInt(ProvwatchConfig.INGEST_MAX_BODY_BYTES), config.getInt(ProvwatchConfig.INGEST_MAX_BATCH_SIZE),
        new HttpIngestHandler.Idempotency(config.getInt(ProvwatchConfig.INGEST_IDEMPOTENCY_MAX_KEYS),
            Duration.ofMillis(config.getLong(ProvwatchConfig.INGEST_IDEMPOTENCY_RETENTION_MS)), Clock.systemUTC())));
    Tags ingest = Tags.of("stage", "ingest");
    host.meter(ProvwatchMetrics.functionCounter("provwatch.ingest.posts.published", "Posts written to the posts topic (acknowledged)",
            ingest, publisher, PostPublisher::published))
        .meter(ProvwatchMetrics.functionCounter("provwatch.ingest.dead.letters", "Posts rejected to posts.dlq (by code: provwatch_dead_letters_total)",
            ingest, publisher, PostPublisher::deadLettered))
        .meter(ProvwatchMetrics.functionCounter("provwatch.ingest.publish.failures", "Writes to Kafka that failed",
            ingest, publisher, PostPublisher::failed));
  }

  /** Per-source metrics of the live sources, labelled by source name. */
  static void addLiveSources(HttpServerHost host, LiveSources sources) {
    for (LiveConnector source : sources.connectors()) {
      Tags label = Tags.of("source", source.source());
      host.meter(ProvwatchMetrics.functionCounter("provwatch.ingest.source.published", "Posts a live source published", label, source, LiveConnector::published))
          .meter(ProvwatchMetrics.functionCounter("provwatch.ingest.source.duplicates", "Replayed posts a live source dropped by id", label, source, LiveConnector::duplicates))
          .meter(ProvwatchMetrics.functionCounter("provwatch.ingest.source.dead.letters", "Items of a live source rejected to posts.dlq", label, source, LiveConnector::deadLettered))
          .meter(ProvwatchMetrics.functionCounter("provwatch.ingest.source.reconnects", "Connections a live source made anew", label, source, LiveConnector::reconnects))
          .meter(ProvwatchMetrics.gauge("provwatch.ingest.source.connected", "1 while a live source is connected", label, source, c -> c.isConnected() ? 1 : 0));
    }
  }

  static void addStage(HttpServerHost host, String name, StreamsStage stage) {
    host.healthCheck(name, stage::isHealthy);
    host.meter(ProvwatchMetrics.gauge(ProvwatchMetrics.STAGE_RUNNING, "1 while a Streams stage is running or rebalancing",
        Tags.of("stage", name), stage, s -> s.isHealthy() ? 1 : 0));
  }

  /**
   * The explain API of the scoring stage on its HTTP server; {@code config} is the one the stage was
   * started with ({@link ExplainApi#advertised}). One line per queryable store.
   */
  static void addScoringExplain(HttpServerHost host, ProvwatchConfig config, StreamsStage scoring) {
    ExplainApi.on(host, config)
        .latestRoute("/v1/posts/{id}/assessment", ScoringTopologyBuilder.ASSESSMENTS_BY_POST_STORE, scoring::streams,
            ExplainStore.notFound(Topics.ASSESSMENTS.name(), config.getLong(ProvwatchConfig.EXPLAIN_RETENTION_MS)))
        .route("/v1/campaigns/{id}", CAMPAIGNS_STORE, scoring::streams);
  }

  /** The explain API of the sink stage: alerts by id. */
  static void addSinkExplain(HttpServerHost host, ProvwatchConfig config, StreamsStage sink) {
    ExplainApi.on(host, config).latestRoute("/v1/alerts/{id}", ALERTS_BY_ID_STORE, sink::streams,
        ExplainStore.notFound(Topics.ALERTS.name(), config.getLong(ProvwatchConfig.EXPLAIN_RETENTION_MS)));
  }

  static void addMedia(HttpServerHost host, MediaStage media) {
    host.healthCheck(MediaStage.STAGE, media::isHealthy);
    host.meter(ProvwatchMetrics.functionCounter("provwatch.media.verdicts.written", "Media verdicts the media stage wrote",
        Tags.of("stage", MediaStage.STAGE), media, MediaStage::verdictsWritten));
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

package io.provwatch.app;

import io.provwatch.console.Console;
import io.provwatch.ingest.PostPublisher;
import io.provwatch.ingest.live.LiveConnector;
import io.provwatch.ingest.live.LiveSources;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.explain.ExplainApi;
import io.provwatch.platform.http.HttpServerHost;
import io.provwatch.platform.kafka.KafkaReachability;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.topics.TopicCatalog;
import io.provwatch.scoring.ScoringService;
import io.provwatch.scoring.media.MediaStage;
import io.provwatch.sink.AlertPolicy;
import io.provwatch.sink.SinkService;
import io.provwatch.sink.webhook.WebhookDelivery;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** One stage against an external Kafka cluster and schema registry: how provwatch runs in production. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run one stage against an external Kafka (bootstrap.servers) and schema registry (schema.registry.url).",
        "Every stage serves GET /health and GET /metrics on http.port; ingest also POST /v1/posts",
        "and starts the live sources named in ingest.sources (Mastodon streaming, Bluesky Jetstream, feeds);",
        "sink also POSTs every alert change to sink.webhook.urls when set, signed with sink.webhook.secret.",
        "scoring serves GET /v1/posts/{id}/assessment and /v1/campaigns/{id}, sink GET /v1/alerts/{id} (docs/audit.md);",
        "sink also serves the web console at / (console.enabled; its post pages need scoring's explain API on the same address)."})
final class RunCommand implements Callable<Integer> {
  enum Stage { ingest, media, scoring, sink }

  @Parameters(index = "0", paramLabel = "STAGE", description = "ingest, media, scoring or sink")
  Stage stage;

  @Option(names = "--no-create-topics", description = "Do not create missing catalog topics at start.")
  boolean noCreateTopics;

  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    ProvwatchConfig config = options.load();
    if (stage == Stage.sink) {
      AlertPolicy.fromConfig(config); // a bad policy is a config error before any connection is made
    }
    if (!noCreateTopics) {
      try (Admin admin = Admin.create(config.kafkaClientProperties())) {
        TopicCatalog.ensureTopics(admin, config);
      }
    }
    HttpServerHost http = Stages.httpHost(config);
    PostPublisher publisher = null;
    LiveSources sources = null;
    StreamsStage streams = null;
    MediaStage media = null;
    WebhookDelivery webhook = null;
    KafkaReachability kafka = null;
    Console console = null;
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    try {
      switch (stage) {
        case ingest -> {
          publisher = new PostPublisher(config, Clock.systemUTC());
          Stages.addIngest(http, config, publisher);
          kafka = KafkaReachability.start(config);
          http.healthCheck("kafka", kafka::isReachable); // DOWN while posts could not be written
          sources = LiveSources.fromConfig(config, publisher, Clock.systemUTC());
          Stages.addLiveSources(http, sources);
          sources.start();
        }
        case media -> {
          media = MediaStage.start(config);
          Stages.addMedia(http, media);
        }
        case scoring -> {
          ProvwatchConfig advertised = ExplainApi.advertised(config, http);
          streams = ScoringService.start(advertised);
          Stages.addStage(http, ScoringService.STAGE, streams);
          Stages.addScoringExplain(http, advertised, streams);
        }
        case sink -> {
          ProvwatchConfig advertised = ExplainApi.advertised(config, http);
          streams = SinkService.start(advertised);
          Stages.addStage(http, SinkService.STAGE, streams);
          webhook = WebhookDelivery.start(config); // null without sink.webhook.urls
          if (webhook != null) {
            http.healthCheck(WebhookDelivery.STAGE, webhook::isHealthy);
          }
          Stages.addSinkExplain(http, advertised, streams);
          console = Console.start(config, http); // null when console.enabled=false
        }
      }
      System.err.printf("provwatch %s: running against %s, registry %s; health %s/health%n", stage,
          String.join(",", config.getList(ProvwatchConfig.BOOTSTRAP_SERVERS)),
          String.join(",", config.getList(ProvwatchConfig.SCHEMA_REGISTRY_URL)), http.url());
      if (console != null) {
        System.err.printf("provwatch sink: console %s%n", Console.url(http));
      }
      if (sources != null && !sources.connectors().isEmpty()) {
        System.err.printf("provwatch ingest: live sources %s; cursors in %s%n",
            String.join(", ", sources.connectors().stream().map(LiveConnector::connectorName).toList()), config.dataDir().resolve("connectors"));
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        stop.countDown();
        try {
          done.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "provwatch-shutdown"));
      stop.await();
      return 0;
    } finally {
      Stages.closeAll(sources, console, http, media, webhook, streams, publisher, kafka); // sources first: they wait for their writes and save their cursors
      done.countDown();
    }
  }
}

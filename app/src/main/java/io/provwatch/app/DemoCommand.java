package io.provwatch.app;

import io.provwatch.avro.Alert;
import io.provwatch.console.Console;
import io.provwatch.ingest.FormatSource;
import io.provwatch.ingest.PostPublisher;
import io.provwatch.ingest.ProgressLine;
import io.provwatch.ingest.formats.CanonicalFormat;
import io.provwatch.platform.EmbeddedPlatform;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.explain.ExplainApi;
import io.provwatch.platform.http.HttpServerHost;
import io.provwatch.platform.topics.TopicTail;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.ScoringService;
import io.provwatch.sink.AlertFormatter;
import io.provwatch.sink.AlertPolicy;
import io.provwatch.sink.SinkService;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The embedded default: broker, registry and all three stages in this JVM, fed with the sample stream. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Start an in-process Kafka broker, schema registry, ingest (HTTP), scoring and sink on loopback,",
        "feed the bundled sample stream and print alerts as they come. Ctrl-C stops it cleanly.",
        "Data stays in the data directory: a restart keeps topics, offsets and schema ids."})
final class DemoCommand implements Callable<Integer> {
  static final String SAMPLE = "/sample/posts.jsonl";

  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--fresh", description = "Wipe the data directory first and start clean.")
  boolean fresh;

  @Option(names = "--input", paramLabel = "FILE", description = "Feed this JSONL file instead of the bundled sample.")
  Path input;

  @Option(names = "--until-idle", paramLabel = "SECONDS",
      description = "Stop once the input is fed, scoring and sink have caught up, and no alert came for this long (for scripts); "
          + "default: run until Ctrl-C.")
  Integer untilIdle;

  @Option(names = "--json", description = "Print alerts as JSON lines.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ProvwatchConfig requested = options.load();
    AlertPolicy.fromConfig(requested); // validate every stage's settings before anything starts
    long started = System.nanoTime();
    EmbeddedPlatform platform = EmbeddedPlatform.start(requested, fresh);
    ProvwatchConfig config = platform.config();
    HttpServerHost http = null;
    PostPublisher publisher = null;
    PipelineStages stages = null;
    TopicTail<Alert> tail = null;
    PipelineCatchUp catchUp = null;
    Console console = null;
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean running = new AtomicBoolean(true);
    try {
      publisher = new PostPublisher(config, Clock.systemUTC());
      http = Stages.httpHost(config);
      Stages.addIngest(http, config, publisher);
      http.healthCheck("kafka", () -> true);
      ProvwatchConfig advertised = ExplainApi.advertised(config, http);
      stages = PipelineStages.start(config, advertised, !platform.createdTopics().isEmpty(), new PrintWriter(System.err, true));
      Stages.addMedia(http, stages.media());
      Stages.addStage(http, ScoringService.STAGE, stages.scoring());
      Stages.addScoringExplain(http, advertised, stages.scoring());
      Stages.addStage(http, SinkService.STAGE, stages.sink());
      Stages.addSinkExplain(http, advertised, stages.sink());
      console = Console.start(config, http);
      tail = new TopicTail<>(config, Topics.ALERTS, "provwatch-alerts-tail").seek(false);

      System.err.printf("provwatch demo: Kafka %s, schema registry %s, ingest %s/v1/posts, health %s/health (data in %s)%n",
          platform.bootstrapServers(), platform.schemaRegistryUrl(), http.url(), http.url(), config.dataDir());
      if (console != null) {
        System.err.printf("provwatch demo: console %s (live alerts, campaigns, post explanations; metrics %s/metrics)%n",
            Console.url(http), http.url());
      }
      final TopicTail<Alert> alerts = tail;
      Thread hook = new Thread(() -> {
        running.set(false);
        alerts.wakeup();
        try {
          stopped.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "provwatch-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);

      if (!platform.createdTopics().isEmpty() || input != null) {
        feed(config, publisher);
      } else {
        System.err.println("provwatch demo: restarted on existing data; the sample was fed before, so it is not fed again "
            + "(scoring and sink resume from their committed offsets; --fresh starts over).");
      }
      System.err.printf("provwatch demo: ready after %.1fs; alerts follow%s%n", (System.nanoTime() - started) / 1e9,
          untilIdle == null ? " (Ctrl-C to stop)" : "");
      AtomicLong count = new AtomicLong();
      PipelineStages pipeline = stages;
      catchUp = new PipelineCatchUp(config, pipeline::postsAwaitingMedia);
      long printed = alerts.follow(Long.MAX_VALUE, untilIdle == null ? null : Duration.ofSeconds(untilIdle), catchUp::caughtUp, running::get, alert -> {
        out.println(json ? AlertFormatter.json(alert) : AlertFormatter.text(alert));
        out.flush();
        count.incrementAndGet();
      });
      System.err.printf("provwatch demo: %d alert(s) printed; stopping%n", printed);
      if (untilIdle != null) {
        Runtime.getRuntime().removeShutdownHook(hook);
      }
      return 0;
    } finally {
      Stages.closeAll(catchUp, console, tail, http, stages, publisher, platform);
      stopped.countDown();
    }
  }

  private void feed(ProvwatchConfig config, PostPublisher publisher) throws Exception {
    Clock clock = Clock.systemUTC();
    FormatSource source = new FormatSource(new CanonicalFormat(clock), publisher,
        CanonicalFormat.NAME + ":demo", FormatSource.DEFAULT_MAX_LINE_BYTES,
        new ProgressLine(new PrintWriter(System.err, true), "demo", false, Duration.ofSeconds(2)), clock);
    if (input != null) {
      try (InputStream in = Files.newInputStream(input)) {
        source.read(in, input.getFileName().toString());
      }
      return;
    }
    try (InputStream in = DemoCommand.class.getResourceAsStream(SAMPLE)) {
      if (in == null) {
        throw new IllegalStateException("the sample stream " + SAMPLE + " is missing from this build");
      }
      source.read(in, "sample/posts.jsonl");
    }
  }
}

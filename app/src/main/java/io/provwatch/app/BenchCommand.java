package io.provwatch.app;

import io.provwatch.app.bench.BenchReportJson;
import io.provwatch.app.bench.PipelineBenchmark;
import io.provwatch.app.bench.PipelineBenchmark.PhaseResult;
import io.provwatch.app.bench.PipelineBenchmark.Report;
import io.provwatch.app.reference.CheckThatImporter;
import io.provwatch.app.reference.ReferenceImport;
import io.provwatch.platform.config.ConfigLoader;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.Topics;
import io.provwatch.sink.AlertPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** End-to-end benchmark: the pipeline against an identity topology on the same embedded broker. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Drive synthetic posts through an identity topology (posts copied unchanged, same serdes and",
        "processing guarantee) and then through the pipeline (scoring and sink), on a fresh embedded broker and",
        "registry in a temporary directory (free ports; a running demo is not disturbed). Prints both throughputs,",
        "their ratio and ingest-to-alert latency percentiles, and writes them as JSON."})
final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--posts", paramLabel = "N", defaultValue = "20000", description = "Measured posts per phase (default ${DEFAULT-VALUE}).")
  int posts;

  @Option(names = "--rate", paramLabel = "R", description = "Posts per second to send; default: as fast as the producer goes "
      + "(throughput). Set it below the pipeline's throughput to measure latency without a backlog.")
  Double rate;

  @Option(names = "--warmup", paramLabel = "N", description = "Posts sent and awaited before each phase is measured (default: min(N, 5000)).")
  Integer warmup;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the synthetic posts (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600", description = "Give up on a phase after this long (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--report", paramLabel = "FILE", defaultValue = "provwatch-bench.json", description = "Where to write the JSON report (default ${DEFAULT-VALUE}).")
  Path reportFile;

  @Option(names = "--claims", paramLabel = "FILE", description = "A claim bank for the pipeline phase: verified claims in the CheckThat! "
      + "format (vclaims.jsonl, one JSON object a line, as in ../shared/data/misinfo/claim-retrieval). Without it the claim bank is empty "
      + "and the claim lookup costs nothing.")
  Path claims;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Properties file, e.g. to try other Streams settings.")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting for the benchmarked stages (repeatable), e.g. processing.guarantee=at_least_once.")
  List<String> settings = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (posts < 1 || posts > 10_000_000) {
      throw new ParameterException(spec.commandLine(), "--posts must be between 1 and 10000000, got " + posts);
    }
    if (rate != null && !(rate > 0)) {
      throw new ParameterException(spec.commandLine(), "--rate must be a positive number of posts per second, got " + rate);
    }
    if (warmup != null && warmup < 0) {
      throw new ParameterException(spec.commandLine(), "--warmup must not be negative, got " + warmup);
    }
    if (claims != null && !Files.isReadable(claims)) {
      throw new ParameterException(spec.commandLine(), "--claims: cannot read " + claims);
    }
    ProvwatchConfig requested = TemporaryPlatform.onFreePorts(new ConfigLoader().file(configFile).environment(System.getenv()).flags(settings),
        "bench").load();
    AlertPolicy.fromConfig(requested);
    var benchSettings = new PipelineBenchmark.Settings(posts, warmup == null ? Math.min(posts, 5_000) : warmup,
        rate == null ? 0 : rate, seed, Duration.ofSeconds(timeoutSeconds));
    Report report;
    try (TemporaryPlatform platform = TemporaryPlatform.start(requested, "bench")) {
      System.err.printf("bench: %,d posts per phase (+%,d warm-up) at %s, %s, data in %s%n", benchSettings.posts(),
          benchSettings.warmupPosts(), rate == null ? "full speed" : String.format("%,.0f posts/s", rate),
          requested.getString(ProvwatchConfig.PROCESSING_GUARANTEE), platform.dataDir());
      if (claims != null) {
        loadClaims(platform.config());
      }
      report = new PipelineBenchmark(platform.config(), benchSettings, System.err).run();
    }
    PrintWriter out = spec.commandLine().getOut();
    print(out, report);
    Files.writeString(reportFile, BenchReportJson.of(report) + System.lineSeparator());
    out.printf("report written to %s%n", reportFile.toAbsolutePath());
    out.flush();
    return 0;
  }

  /** Publishes the claim bank before the phases: the scoring stage's global store reads all of it before its first post. */
  private void loadClaims(ProvwatchConfig config) throws IOException {
    PrintWriter err = new PrintWriter(System.err, true);
    try (Reader in = Files.newBufferedReader(claims)) {
      ReferenceImport.Summary summary = ReferenceImportCommands.load(config, new CheckThatImporter(), Topics.FACTCHECKS, in,
          claims.getFileName().toString(), err);
      if (summary.published() == 0) {
        throw new ParameterException(spec.commandLine(), "--claims: no claim could be read from " + claims);
      }
    }
  }

  private static void print(PrintWriter out, Report report) {
    out.printf("%-9s %12s %12s %9s %9s %9s %9s%n", "phase", "posts/s", "ingest/s", "p50 ms", "p99 ms", "p99.9 ms", "max ms");
    for (PhaseResult phase : List.of(report.identity(), report.pipeline())) {
      out.printf("%-9s %,12.0f %,12.0f %9.1f %9.1f %9.1f %9.1f%n", phase.name(), phase.postsPerSecond(),
          phase.ingestPostsPerSecond(), phase.latencyP50Ms(), phase.latencyP99Ms(), phase.latencyP999Ms(), phase.latencyMaxMs());
    }
    out.printf("pipeline / identity throughput: %.2f%n", report.ratio());
    out.printf("latency: identity = ingest to copied post (%d samples); pipeline = ingest to alert, from the newest post an alert change names (%d posts of %d assessed)%n",
        report.identity().latencySamples(), report.pipeline().latencySamples(), report.pipeline().assessments());
  }
}

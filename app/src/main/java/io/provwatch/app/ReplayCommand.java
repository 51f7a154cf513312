package io.provwatch.app;

import io.provwatch.app.replay.Replay;
import io.provwatch.app.replay.ReplayException;
import io.provwatch.app.replay.ReplayProgress;
import io.provwatch.platform.config.ProvwatchConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provwatch replay}: re-score a time range of posts for an audit, without touching live topics or state. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Replay the posts published in [--from, --to) through scoring and sink with a fresh application id into",
        "audit.<run-id>.assessments and audit.<run-id>.alerts, then write an audit report (JSON and HTML) with the",
        "difference from the live alerts of the same posts. Live topics and state are only read (docs/audit.md)."})
final class ReplayCommand implements Callable<Integer> {
  private static final long STOP_TIMEOUT_S = 60;
  private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Option(names = "--from", required = true, paramLabel = "TIME", converter = TimeConverter.class,
      description = "Start of the range, ISO-8601 (2026-11-20T09:00:00Z, 2026-11-20T10:00+01:00 or 2026-11-20), included.")
  Instant from;

  @Option(names = "--to", required = true, paramLabel = "TIME", converter = TimeConverter.class,
      description = "End of the range, ISO-8601, excluded.")
  Instant to;

  @Option(names = "--model", paramLabel = "VERSION|FILE",
      description = "AI-text model: a shipped model's version or a file from `provwatch model train` (default: the shipped model).")
  String model;

  @Option(names = "--run-id", paramLabel = "ID", description = "Name of the run in the audit topics (default: r<UTC time>, e.g. r20261125-181500).")
  String runId;

  @Option(names = "--report", paramLabel = "DIR", defaultValue = ".", description = "Where audit-<run-id>.json and .html go (default: the current directory).")
  Path reportDir;

  @Option(names = "--missing-wait", paramLabel = "SECONDS", defaultValue = "30",
      description = "Once all input is consumed, how long to wait for posts still neither assessed nor dead-lettered (default: 30).")
  long missingWaitSeconds;

  @Option(names = "--allow-incomplete",
      description = "Exit 0 even when posts of the range are missing; the report is marked INCOMPLETE all the same.")
  boolean allowIncomplete;

  @Mixin ConfigOptions options;

  @Override
  public Integer call() throws Exception {
    ProvwatchConfig config = options.load();
    Clock clock = Clock.systemUTC();
    String run = runId != null ? runId : "r" + RUN_ID_TIME.format(clock.instant());
    PrintWriter err = spec.commandLine().getErr();
    ReplayProgress progress = new ReplayProgress(err, "replay " + run, System.console() != null);
    // Ctrl-C interrupts the replay, which then stops its streams and deletes their internal topics and state
    Thread replaying = Thread.currentThread();
    CountDownLatch finished = new CountDownLatch(1);
    Thread onStop = new Thread(() -> {
      replaying.interrupt();
      try {
        finished.await(STOP_TIMEOUT_S, TimeUnit.SECONDS);
      } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
        Thread.currentThread().interrupt();
      }
    }, "provwatch-replay-stop");
    Runtime.getRuntime().addShutdownHook(onStop);
    try {
      if (missingWaitSeconds < 0) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--missing-wait must be 0 or more seconds");
      }
      Replay.Result result = new Replay(config, progress, clock)
          .run(new Replay.Request(from, to, model, run, reportDir, Duration.ofSeconds(missingWaitSeconds)));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("audit report: %s%n              %s%n", result.html().toAbsolutePath().normalize(), result.json().toAbsolutePath().normalize());
      out.flush();
      if (result.complete()) {
        return 0;
      }
      err.println("provwatch replay: INCOMPLETE: " + result.incompleteSummary() + "; every missing id is in "
          + result.missingIds().toAbsolutePath().normalize() + " and the report is marked INCOMPLETE");
      err.flush();
      return allowIncomplete ? 0 : CliErrors.INCOMPLETE;
    } catch (ReplayException e) {
      err.println("provwatch replay: " + e.getMessage());
      err.flush();
      return CliErrors.RUNTIME_ERROR;
    } catch (InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
      err.println("provwatch replay: stopped; the topics audit." + run + ".* hold a partial run");
      err.flush();
      return CliErrors.RUNTIME_ERROR;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(onStop);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it is waiting for exactly this
      }
    }
  }

  /** ISO-8601 instants, offset date-times, or dates (midnight UTC). */
  static final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String value) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException notADateTime) {
        try {
          return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
          throw new CommandLine.TypeConversionException("'" + value + "' is not an ISO-8601 time such as 2026-11-20T09:00:00Z or 2026-11-20");
        }
      }
    }
  }
}

package io.provwatch.app;

import io.provwatch.avro.Severity;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.sink.AlertFormatter;
import io.provwatch.sink.AlertTail;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Reads alerts. */
@Command(name = "alerts", mixinStandardHelpOptions = true, description = "Read alerts.", subcommands = {AlertsCommand.Tail.class})
final class AlertsCommand {

  @Command(name = "tail", mixinStandardHelpOptions = true,
      description = "Print alerts from the alerts topic (or alerts.<severity>) as they come; committed alerts only.")
  static final class Tail implements Callable<Integer> {
    @Option(names = "--severity", paramLabel = "S", description = "Only this severity: ${COMPLETION-CANDIDATES}.")
    Severity severity;
    @Option(names = "--json", description = "One JSON object per line.")
    boolean json;
    @Option(names = "--from-beginning", description = "Start with the oldest alert kept, not the next new one.")
    boolean fromBeginning;
    @Option(names = "--max", paramLabel = "N", description = "Stop after N alerts.")
    Long max;
    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Stop after this long without a new alert.")
    Integer idleTimeout;
    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      ProvwatchConfig config = options.load();
      PrintWriter out = spec.commandLine().getOut();
      AtomicBoolean running = new AtomicBoolean(true);
      try (AlertTail tail = new AlertTail(config, severity)) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          running.set(false);
          tail.wakeup();
        }));
        tail.seek(fromBeginning);
        tail.follow(max == null ? Long.MAX_VALUE : max, idleTimeout == null ? null : Duration.ofSeconds(idleTimeout), running::get, alert -> {
          out.println(json ? AlertFormatter.json(alert) : AlertFormatter.text(alert));
          out.flush();
        });
      }
      return 0;
    }
  }
}

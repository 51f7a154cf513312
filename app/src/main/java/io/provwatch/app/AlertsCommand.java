package io.provwatch.app;

import io.provwatch.avro.Alert;
import io.provwatch.avro.Severity;
import io.provwatch.platform.topics.TopicTail;
import io.provwatch.platform.topics.Topics;
import io.provwatch.sink.AlertFormatter;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
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
    @Mixin TailOptions tailOptions;
    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (TopicTail<Alert> tail = new TopicTail<>(options.load(), severity == null ? Topics.ALERTS : Topics.alertsFor(severity),
          "provwatch-alerts-tail")) {
        tailOptions.follow(tail, alert -> {
          out.println(tailOptions.json ? AlertFormatter.json(alert) : AlertFormatter.text(alert));
          out.flush();
        });
      }
      return 0;
    }
  }
}

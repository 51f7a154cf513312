package io.provwatch.app;

import io.provwatch.avro.DeadLetter;
import io.provwatch.platform.topics.TopicSpec;
import io.provwatch.platform.topics.TopicTail;
import io.provwatch.platform.topics.Topics;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Reads what the stages rejected, so a person can see why and fix or resend it. */
@Command(name = "deadletters", mixinStandardHelpOptions = true, description = "Read the dead-letter topics: what a stage rejected, and why.",
    subcommands = {DeadLettersCommand.Tail.class})
final class DeadLettersCommand {

  @Command(name = "tail", mixinStandardHelpOptions = true,
      description = "Print dead letters from one dead-letter topic (default posts.dlq) as they come: stage, error code, "
          + "source and position, reason, and the start of the rejected input (with --json: the input whole, as rawBase64, "
          + "and rawText when it is UTF-8).")
  static final class Tail implements Callable<Integer> {
    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "posts.dlq",
        description = "posts.dlq (ingest), assessments.dlq (scoring), alerts.dlq (sink), alerts.webhook.dlq (webhook deliveries "
            + "given up), imports.dlq (reference imports) or audit.<run-id>.dlq (a replay). Default: ${DEFAULT-VALUE}.")
    String topic;
    @Mixin TailOptions tailOptions;
    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      TopicSpec<String, DeadLetter> deadLetters = Topics.deadLetterTopic(topic).orElseThrow(() -> new ParameterException(spec.commandLine(),
          "--topic " + topic + " is not a dead-letter topic; use one of "
              + Topics.deadLetterTopics().stream().map(TopicSpec::name).collect(Collectors.joining(", ")) + " or audit.<run-id>.dlq"));
      PrintWriter out = spec.commandLine().getOut();
      try (TopicTail<DeadLetter> tail = new TopicTail<>(options.load(), deadLetters, "provwatch-deadletters-tail")) {
        tailOptions.follow(tail, letter -> {
          out.println(tailOptions.json ? DeadLetterFormatter.json(letter) : DeadLetterFormatter.text(letter));
          out.flush();
        });
      }
      return 0;
    }
  }
}

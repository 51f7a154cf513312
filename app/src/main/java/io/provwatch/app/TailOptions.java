package io.provwatch.app;

import io.provwatch.platform.topics.TopicTail;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** Where a {@code ... tail} command starts and when it stops; shared by the commands that follow a topic. */
final class TailOptions {
  @Option(names = "--json", description = "One JSON object per line.")
  boolean json;
  @Option(names = "--from-beginning", description = "Start with the oldest record kept, not the next new one.")
  boolean fromBeginning;
  @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
  Long max;
  @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "Stop after this long without a new record.")
  Integer idleTimeout;

  /** Follows {@code tail} from the chosen start until a stop condition or Ctrl-C, handing each record to {@code printer}. */
  <V> long follow(TopicTail<V> tail, Consumer<V> printer) {
    AtomicBoolean running = new AtomicBoolean(true);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      running.set(false);
      tail.wakeup();
    }));
    tail.seek(fromBeginning);
    return tail.follow(max == null ? Long.MAX_VALUE : max, idleTimeout == null ? null : Duration.ofSeconds(idleTimeout), running::get, printer);
  }
}

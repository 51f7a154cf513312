package io.provwatch.console;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.TopicSpec;
import io.provwatch.platform.topics.TopicTail;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a topic from its beginning and then as it grows, committed records only ({@link TopicTail}:
 * read_committed, no consumer group), on a daemon thread, handing each value on. When the topic
 * cannot be read (not created yet, broker away) it tries again every few seconds.
 */
final class TopicFollower<V> implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);
  private static final long RETRY_MS = 3000;

  private final ProvwatchConfig config;
  private final TopicSpec<String, V> topic;
  private final Consumer<V> handler;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile TopicTail<V> tail;

  TopicFollower(ProvwatchConfig config, TopicSpec<String, V> topic, Consumer<V> handler) {
    this.config = config;
    this.topic = topic;
    this.handler = handler;
    this.thread = new Thread(this::run, "provwatch-console-" + topic.name());
    thread.setDaemon(true);
  }

  TopicFollower<V> start() {
    thread.start();
    return this;
  }

  private void run() {
    while (running) {
      try (TopicTail<V> opened = new TopicTail<>(config, topic, "provwatch-console-" + topic.name())) {
        tail = opened;
        if (!running) {
          return;
        }
        opened.seek(true).follow(Long.MAX_VALUE, null, () -> running, value -> {
          if (value != null) {
            handler.accept(value);
          }
        });
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn("console: cannot read {} ({}); trying again in {} ms", topic.name(), e.getMessage(), RETRY_MS);
        try {
          Thread.sleep(RETRY_MS);
        } catch (InterruptedException interrupted) {
          return;
        }
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    TopicTail<V> current = tail;
    if (current != null) {
      current.wakeup();
    }
    thread.interrupt();
    thread.join(10_000);
  }
}

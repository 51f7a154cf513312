package io.provwatch.console;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The console's timers: one daemon thread each, so that an open console never keeps the JVM alive. */
final class DaemonScheduler {
  private DaemonScheduler() {}

  static ScheduledExecutorService named(String threadName) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }
}

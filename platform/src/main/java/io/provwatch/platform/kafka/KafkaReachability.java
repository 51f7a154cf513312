package io.provwatch.platform.kafka;

import io.provwatch.platform.config.ProvwatchConfig;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether the Kafka cluster answers, asked in the background every few seconds ({@code describeCluster}
 * with a timeout), so that {@code /health} can say DOWN (503) while it does not, without a request
 * ever waiting for Kafka. A stage that only produces (ingest) has no other sign of it while idle.
 */
public final class KafkaReachability implements AutoCloseable {
  private static final Duration INTERVAL = Duration.ofSeconds(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(4);

  private final Admin admin;
  private final ScheduledExecutorService timer;
  private volatile boolean reachable;

  private KafkaReachability(Admin admin) {
    this.admin = admin;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "provwatch-kafka-reachability");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts asking the cluster of {@code config}; reachable only once it has answered. */
  public static KafkaReachability start(ProvwatchConfig config) {
    KafkaReachability check = new KafkaReachability(Admin.create(config.kafkaClientProperties()));
    check.timer.scheduleWithFixedDelay(check::ask, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return check;
  }

  public boolean isReachable() {
    return reachable;
  }

  private void ask() {
    try {
      reachable = !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
          .nodes().get(TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS).isEmpty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reachable = false;
    } catch (Exception e) { // any failure to get an answer means: not reachable now
      reachable = false;
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close(Duration.ofSeconds(2));
  }
}

package io.provwatch.platform.streams;

import io.micrometer.core.instrument.Counter;
import io.provwatch.platform.metrics.ProvwatchMetrics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage's topology: logs state changes, replaces a stream thread that dies of an
 * unexpected error (bad records never get there: they are dead-lettered), reports its Kafka Streams
 * metrics to {@link ProvwatchMetrics} (label {@code stage}), and closes cleanly.
 */
public final class StreamsStage implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamsStage.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final String stage;
  private final KafkaStreams streams;
  private final AutoCloseable metrics;

  public StreamsStage(String stage, Topology topology, Properties props) {
    this.stage = stage;
    this.streams = new KafkaStreams(topology, props);
    Counter threadsReplaced = ProvwatchMetrics.streamThreadsReplaced(stage);
    streams.setStateListener((now, before) -> LOG.info("{} stage: {} -> {}", stage, before, now));
    streams.setUncaughtExceptionHandler(error -> {
      LOG.error("{} stage: stream thread failed ({}); replacing it", stage, DeadLetterRecords.reason(error));
      threadsReplaced.increment();
      return StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    this.metrics = ProvwatchMetrics.bind(streams, stage);
  }

  public StreamsStage start() {
    streams.start();
    return this;
  }

  /** Waits until the stage is processing (RUNNING). */
  public void awaitRunning(Duration timeout) throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (streams.state().hasCompletedShutdown() || streams.state() == KafkaStreams.State.ERROR) {
        throw new IllegalStateException(stage + " stage stopped while starting: " + streams.state());
      }
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(stage + " stage not running after " + timeout.toSeconds() + "s (state " + streams.state() + ")");
      }
      Thread.sleep(50);
    }
  }

  /** Up for health checks: running or rebalancing. */
  public boolean isHealthy() {
    KafkaStreams.State state = streams.state();
    return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  public KafkaStreams streams() {
    return streams;
  }

  /**
   * Stops the stage and leaves the consumer group, so that the other instances of the application
   * take over its tasks at once instead of after the session timeout.
   */
  @Override
  public void close() {
    if (!streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(CLOSE_TIMEOUT))) {
      LOG.warn("{} stage did not close within {}s", stage, CLOSE_TIMEOUT.toSeconds());
    }
    try {
      metrics.close();
    } catch (Exception e) {
      LOG.warn("{} stage: unbinding its metrics failed ({})", stage, e.toString());
    }
  }
}

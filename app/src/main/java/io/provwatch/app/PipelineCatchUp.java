package io.provwatch.app;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.ConsumerGroupLag;
import io.provwatch.platform.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;

/**
 * Whether scoring and sink have processed everything on their inputs, so that {@code demo
 * --until-idle} waits for the pipeline rather than for a fixed time. Checks at most twice a second.
 */
final class PipelineCatchUp implements AutoCloseable {
  private static final long CHECK_EVERY_NANOS = 500_000_000L;

  private final Admin admin;
  private final String scoringGroup;
  private final String sinkGroup;
  private final LongSupplier postsAwaitingMedia;
  private long lastCheck;
  private boolean caughtUp;

  /** @param postsAwaitingMedia posts scoring holds for media verdicts (-1: unknown); they are consumed, yet not through */
  PipelineCatchUp(ProvwatchConfig config, LongSupplier postsAwaitingMedia) {
    this.postsAwaitingMedia = postsAwaitingMedia;
    this.admin = Admin.create(config.kafkaClientProperties());
    this.scoringGroup = config.getString(ProvwatchConfig.SCORING_APPLICATION_ID);
    this.sinkGroup = config.getString(ProvwatchConfig.SINK_APPLICATION_ID);
  }

  boolean caughtUp() {
    long now = System.nanoTime();
    if (now - lastCheck < CHECK_EVERY_NANOS) {
      return caughtUp;
    }
    lastCheck = now;
    try {
      caughtUp = postsAwaitingMedia.getAsLong() == 0
          && ConsumerGroupLag.of(admin, scoringGroup, Topics.POSTS.name()) == 0
          && ConsumerGroupLag.of(admin, sinkGroup, Topics.ASSESSMENTS.name()) == 0;
    } catch (ExecutionException | TimeoutException e) {
      caughtUp = false; // the broker is busy or restarting: keep waiting, the follow loop still prints alerts
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      caughtUp = true;
    }
    return caughtUp;
  }

  /**
   * Stricter than {@link #caughtUp()}: every topic scoring and sink consume is drained, their internal
   * repartition topics too (the coordination branch runs on them, off the per-post path, and its
   * campaigns reach the sink on their own topic), checked upstream first. Not rate-limited.
   */
  boolean drained() throws InterruptedException {
    try {
      if (postsAwaitingMedia.getAsLong() != 0) {
        return false;
      }
      Set<String> topics = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      List<String> scoringInputs = new ArrayList<>(List.of(Topics.POSTS.name()));
      scoringInputs.addAll(repartitionTopics(topics, scoringGroup));
      List<String> sinkInputs = new ArrayList<>(List.of(Topics.ASSESSMENTS.name(), Topics.CAMPAIGNS.name()));
      sinkInputs.addAll(repartitionTopics(topics, sinkGroup));
      for (String topic : scoringInputs) {
        if (ConsumerGroupLag.of(admin, scoringGroup, topic) > 0) {
          return false;
        }
      }
      for (String topic : sinkInputs) {
        if (ConsumerGroupLag.of(admin, sinkGroup, topic) > 0) {
          return false;
        }
      }
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false; // the broker is busy: not known to be drained
    }
  }

  /** The repartition topics of a Streams application, sorted (their names carry the application id). */
  private static List<String> repartitionTopics(Set<String> topics, String applicationId) {
    return topics.stream().filter(t -> t.startsWith(applicationId + "-") && t.endsWith("-repartition")).sorted().toList();
  }

  @Override
  public void close() {
    admin.close();
  }
}

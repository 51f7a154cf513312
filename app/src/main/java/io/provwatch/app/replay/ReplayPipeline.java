package io.provwatch.app.replay;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.ConsumerGroupLag;
import io.provwatch.platform.streams.StreamsSettings;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.ScoringTopologyBuilder;
import io.provwatch.scoring.aitext.AiTextModel;
import io.provwatch.sink.AlertTopologyBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * The scoring and sink topologies of production, built by their own builders, on a replay's audit
 * topics under fresh application ids ({@code provwatch-replay-<run>-scoring|sink}): nothing is read
 * from or written to the live posts, assessments or alerts, and no live state is used. They run until
 * every input of both is consumed and committed, then stop, and their internal topics, consumer
 * groups and local state are deleted; the audit outputs stay.
 *
 * <p>The input is one partition in a fixed order, and the steps keep it where tasks read several
 * topics whose fetches interleave differently in every run: the coordination gather sends posts on in
 * the order they arrived, state expires by each step's own clock (not the task's stream time), and the
 * sink closes quiet alerts before the record that moved stream time past them. So the same range gives
 * the same bytes without making tasks wait for their inputs ({@code max.task.idle.ms}).
 */
final class ReplayPipeline implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final long CHECK_EVERY_MS = 300;

  private final ProvwatchConfig config;
  private final Admin admin;
  private final String scoringAppId;
  private final String sinkAppId;
  private final List<String> scoringInputs;
  private final List<String> sinkInputs;
  private final StreamsStage scoring;
  private final StreamsStage sink;

  ReplayPipeline(ProvwatchConfig replayConfig, Admin admin, String runId, AiTextModel model) {
    this.config = replayConfig;
    this.admin = admin;
    this.scoringAppId = "provwatch-replay-" + runId + "-scoring";
    this.sinkAppId = "provwatch-replay-" + runId + "-sink";
    String assessments = Topics.auditAssessments(runId).name();
    Topology scoringTopology = ScoringTopologyBuilder.fromConfig(replayConfig, model)
        .withTopics(new ScoringTopologyBuilder.TopicNames(Topics.auditPosts(runId).name(), assessments, Topics.MEDIA_VERDICTS.name(),
            Topics.auditCampaigns(runId).name()))
        .build();
    Topology sinkTopology = AlertTopologyBuilder.fromConfig(replayConfig)
        .withTopics(new AlertTopologyBuilder.TopicNames(assessments, Topics.auditAlerts(runId).name(), false, "audit.assessments",
            Topics.auditCampaigns(runId).name()))
        .build();
    this.scoringInputs = inputsInFlowOrder(scoringTopology, scoringAppId);
    this.sinkInputs = inputsInFlowOrder(sinkTopology, sinkAppId);
    this.scoring = new StreamsStage("replay-scoring", scoringTopology,
        StreamsSettings.forStage(replayConfig, scoringAppId, "replay-scoring", Topics.auditDlq(runId)));
    this.sink = new StreamsStage("replay-sink", sinkTopology,
        StreamsSettings.forStage(replayConfig, sinkAppId, "replay-sink", Topics.auditDlq(runId)));
  }

  /**
   * The topics a topology consumes (global stores aside), upstream first: sub-topologies are numbered
   * in the order they were built, which is the order records flow through them here.
   */
  static List<String> inputsInFlowOrder(Topology topology, String applicationId) {
    List<String> inputs = new ArrayList<>();
    for (TopologyDescription.Subtopology sub : topology.describe().subtopologies().stream()
        .sorted(java.util.Comparator.comparingInt(TopologyDescription.Subtopology::id)).toList()) {
      for (TopologyDescription.Node node : sub.nodes()) {
        if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
          for (String topic : source.topicSet()) {
            // repartition topics appear under their short name; on the broker they carry the application id
            inputs.add(topic.endsWith("-repartition") && !topic.startsWith(applicationId) ? applicationId + "-" + topic : topic);
          }
        }
      }
    }
    return List.copyOf(inputs);
  }

  void start() throws TimeoutException, InterruptedException {
    scoring.start();
    sink.start();
    scoring.awaitRunning(START_TIMEOUT);
    sink.awaitRunning(START_TIMEOUT);
  }

  /** True once both stages have consumed and committed all their inputs (checked upstream first). */
  boolean caughtUp() throws InterruptedException {
    try {
      for (String topic : scoringInputs) {
        if (ConsumerGroupLag.of(admin, scoringAppId, topic) > 0) {
          return false;
        }
      }
      for (String topic : sinkInputs) {
        if (ConsumerGroupLag.of(admin, sinkAppId, topic) > 0) {
          return false;
        }
      }
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false; // an internal topic not created yet, or the broker busy: not done
    }
  }

  /** Waits until {@link #caughtUp()}, calling {@code tick} between checks; fails if a stage stops. */
  void awaitCaughtUp(Runnable tick) throws InterruptedException {
    while (!caughtUp()) {
      checkRunning();
      tick.run();
      Thread.sleep(CHECK_EVERY_MS);
    }
    tick.run();
  }

  /** Fails if a stage stopped. */
  void checkRunning() {
    for (StreamsStage stage : List.of(scoring, sink)) {
      if (stage.state().hasCompletedShutdown() || stage.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR) {
        throw new ReplayException("the replay's " + (stage == scoring ? "scoring" : "sink") + " stage stopped: " + stage.state());
      }
    }
  }

  /** Stops both stages and deletes their internal topics and consumer groups (the replay deletes their local state). */
  @Override
  public void close() {
    // stopped by Ctrl-C (the command interrupts the replay): clean up all the same, then keep the interrupt
    boolean interrupted = Thread.interrupted();
    try {
      stopAndDelete();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void stopAndDelete() {
    sink.close();
    scoring.close();
    // no KafkaStreams#cleanUp: it warns that the directories it empties are not empty; the replay deletes its whole state directory
    try {
      Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<String> internal = topics.stream().filter(t -> t.startsWith(scoringAppId + "-") || t.startsWith(sinkAppId + "-")).toList();
      if (!internal.isEmpty()) {
        admin.deleteTopics(internal).all().get(30, TimeUnit.SECONDS);
      }
      admin.deleteConsumerGroups(List.of(scoringAppId, sinkAppId)).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new ReplayException("the replay finished but its internal topics or groups could not be deleted: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String scoringApplicationId() {
    return scoringAppId;
  }

  String sinkApplicationId() {
    return sinkAppId;
  }

  ProvwatchConfig config() {
    return config;
  }
}

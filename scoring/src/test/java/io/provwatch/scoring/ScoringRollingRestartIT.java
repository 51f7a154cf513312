package io.provwatch.scoring;

import static io.provwatch.scoring.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.Post;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.StreamsTasks;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * A graceful rolling restart of two scoring instances while posts keep arriving (as an upgrade or a
 * config change rolls them): each instance in turn is closed and started again on its own state
 * directory, and still every post is assessed exactly once. (Crashes: the app's CrashIT.)
 */
class ScoringRollingRestartIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final int BATCH = 10;
  /** Batches sent after both restarts, so that posts keep coming while the second instance rejoins. */
  private static final int AFTER_RESTARTS = 10;

  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  @Test
  void restartingEachOfTwoInstancesInTurnUnderLoadAssessesEveryPostExactlyOnce() throws Exception {
    String run = SharedKafkaCluster.unique("rolling");
    ProvwatchConfig first = cluster.config(Map.of());
    ProvwatchConfig second = StreamsTasks.secondInstance(first);
    StreamsStage one = ScoringService.start(first);
    StreamsStage two = ScoringService.start(second);
    List<Post> sent = new CopyOnWriteArrayList<>();
    AtomicBoolean restarted = new AtomicBoolean();
    try {
      one.awaitRunning(PATIENCE);
      two.awaitRunning(PATIENCE);
      // posts keep coming, a batch every 200 ms, while the instances restart one after the other, and a while after
      CompletableFuture<Void> feeding = CompletableFuture.runAsync(() -> {
        try {
          int after = 0;
          while (after < AFTER_RESTARTS) {
            List<Post> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
              int n = sent.size() + i;
              // unique texts: no post is another's copy (a copy may be scored again once its late original arrives)
              batch.add(post("mastodon:" + run + "-" + n, "author-" + (n % 50), "Ferry desk note " + n + " of run " + run
                  + ": the " + (n % 7) + " o'clock boat leaves from pier " + (n % 11), n / 10).build());
            }
            TopicRecords.produce(first, Topics.POSTS, batch, Post::getId);
            sent.addAll(batch);
            after += restarted.get() ? 1 : 0;
            Thread.sleep(200);
          }
        } catch (Exception e) {
          throw new IllegalStateException("feeding posts failed", e);
        }
      });
      one = restart(one, first, sent, "first");
      two = restart(two, second, sent, "second");
      restarted.set(true);
      feeding.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

      List<String> ids = sent.stream().map(Post::getId).toList();
      List<Assessment> assessments = TopicRecords.readCommitted(first, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), ids.size());
      assertThat(assessments).as("every post assessed exactly once: none missing, none twice").hasSize(ids.size())
          .extracting(Assessment::getPostId).containsExactlyInAnyOrderElementsOf(ids);
      Map<Integer, Long> byPartition = assessments.stream().collect(Collectors.groupingBy(a -> a.getInput().getPartition(), Collectors.counting()));
      System.out.printf("ScoringRollingRestartIT: %d posts fed while both instances restarted in turn, each assessed once (by input partition %s)%n",
          ids.size(), byPartition);
    } finally {
      one.close();
      two.close();
    }
  }

  /** Closes {@code stage} once more posts went out, starts it again on the same config (and state directory), waits until it runs. */
  private static StreamsStage restart(StreamsStage stage, ProvwatchConfig config, List<Post> sent, String which) throws Exception {
    int before = sent.size();
    await(which + " instance's restart under load").atMost(PATIENCE).until(() -> sent.size() >= before + 3 * BATCH);
    stage.close();
    StreamsStage again = ScoringService.start(config);
    again.awaitRunning(PATIENCE);
    assertThat(again.state()).isEqualTo(KafkaStreams.State.RUNNING);
    return again;
  }
}

package io.provwatch.scoring;

import static io.provwatch.scoring.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.Post;
import io.provwatch.avro.Signal;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.StreamsTasks;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.scorers.UnattributedCopyScorer;
import io.provwatch.scoring.similarity.TextFingerprint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * Two scoring instances of one application: when one leaves mid-stream, the other takes over its
 * tasks with their state, and still every post is assessed exactly once.
 */
class ScoringRebalanceIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  /** Repartition topic of the copy check, whose tasks hold the first post of each text fingerprint. */
  private static final String BY_FINGERPRINT_TOPIC_SUFFIX = "-by-fingerprint-repartition";

  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  @Test
  void theTasksOfAnInstanceThatLeavesMoveWithTheirStateAndEveryPostIsAssessedExactlyOnce() throws Exception {
    String run = SharedKafkaCluster.unique("rebalance");
    // production settings: a closing stage leaves the group (StreamsStage.close), so the rebalance starts at once;
    // min_repetition 2 because the templated report texts are near-identical, which would add coordination to the copies' risk
    ProvwatchConfig config = cluster.config(Map.of(ProvwatchConfig.COORDINATION_MIN_REPETITION, "2"));
    ProvwatchConfig secondInstance = StreamsTasks.secondInstance(config);

    List<Post> originals = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      originals.add(post(platform(i) + ":" + run + "-o" + i, "author-" + i, text(run, i), i).build());
    }
    Map<Post, Post> originalOfLateCopy = new LinkedHashMap<>();
    for (int i = 0; i < 60; i++) {
      originalOfLateCopy.put(copy(originals.get(i), "bluesky:" + run + "-late-copy" + i, "late-copier-" + i, 400 + i), originals.get(i));
    }
    List<Post> duringRebalance = new ArrayList<>();
    for (int i = 60; i < 80; i++) {
      duringRebalance.add(copy(originals.get(i), "x:" + run + "-early-copy" + i, "early-copier-" + i, 200 + i));
    }
    for (int i = 80; i < 100; i++) {
      duringRebalance.add(post(platform(i) + ":" + run + "-o" + i, "author-" + i, text(run, i), 300 + i).build());
    }
    List<Post> afterRebalance = new ArrayList<>(originalOfLateCopy.keySet());
    for (int i = 100; i < 120; i++) {
      afterRebalance.add(post(platform(i) + ":" + run + "-o" + i, "author-" + i, text(run, i), 500 + i).build());
    }

    try (StreamsStage one = ScoringService.start(config); StreamsStage two = ScoringService.start(secondInstance)) {
      one.awaitRunning(PATIENCE);
      two.awaitRunning(PATIENCE);
      int partitions = StreamsTasks.partitionsOf(config, config.getString(ProvwatchConfig.SCORING_APPLICATION_ID) + BY_FINGERPRINT_TOPIC_SUFFIX);
      await("both instances running with the copy-check tasks shared out").atMost(PATIENCE)
          .until(() -> StreamsTasks.sharedOut(one, two, BY_FINGERPRINT_TOPIC_SUFFIX, partitions));

      List<RecordMetadata> written = new ArrayList<>(produce(config, originals));
      Set<String> assessedBeforeRebalance = TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), 40)
          .stream().map(Assessment::getPostId).collect(Collectors.toSet());
      assertThat(assessedBeforeRebalance).as("assessments out before the rebalance").hasSizeGreaterThanOrEqualTo(40);

      // the instance that leaves is one that holds first-by-fingerprint state, which the late copies then need
      StreamsStage leaving = StreamsTasks.activePartitions(one, BY_FINGERPRINT_TOPIC_SUFFIX).isEmpty() ? two : one;
      StreamsStage staying = leaving == one ? two : one;
      Set<Integer> movedPartitions = StreamsTasks.activePartitions(leaving, BY_FINGERPRINT_TOPIC_SUFFIX);
      CompletableFuture<List<RecordMetadata>> producing = CompletableFuture.supplyAsync(() -> produceUnchecked(config, duringRebalance));
      leaving.close(); // the try closes it again, which is harmless
      written.addAll(producing.get());

      await("the remaining instance owns every copy-check task").atMost(PATIENCE)
          .until(() -> staying.state() == KafkaStreams.State.RUNNING && StreamsTasks.activePartitions(staying, BY_FINGERPRINT_TOPIC_SUFFIX).size() == partitions);
      assertThat(TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), 120))
          .as("every post before and during the rebalance assessed once").hasSize(120);

      written.addAll(produce(config, afterRebalance));
      assertThat(written).extracting(RecordMetadata::partition).as("posts spread over every partition")
          .containsAll(IntStream.range(0, partitions).boxed().toList());

      List<Assessment> assessments = TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), 200);
      List<String> expectedIds = Stream.of(originals, duringRebalance, afterRebalance).flatMap(List::stream).map(Post::getId).toList();
      assertThat(assessments).as("every post assessed exactly once: none missing, none twice").hasSize(200)
          .extracting(Assessment::getPostId).containsExactlyInAnyOrderElementsOf(expectedIds);

      Map<String, Assessment> byPost = assessments.stream().collect(Collectors.toMap(Assessment::getPostId, Function.identity()));
      originalOfLateCopy.forEach((copy, original) -> {
        Assessment assessment = byPost.get(copy.getId());
        assertThat(assessment.getRisk()).as("risk of %s, a copy of %s", copy.getId(), original.getId()).isEqualTo(0.9);
        assertThat(copySignal(assessment).getEvidence()).as("evidence of %s", copy.getId())
            .containsEntry("originalPostId", original.getId()).containsEntry("originalAuthorId", original.getAuthor().getId());
      });
      assertThat(originalOfLateCopy.entrySet()).as("late copies found only through state the leaving instance built")
          .filteredOn(e -> assessedBeforeRebalance.contains(e.getValue().getId())
              && movedPartitions.contains(fingerprintPartition(e.getKey(), partitions)))
          .isNotEmpty();
      assertThat(Stream.of(originals, duringRebalance, afterRebalance).flatMap(List::stream).filter(p -> p.getAuthor().getId().startsWith("author-")))
          .as("no original is taken for a copy")
          .allSatisfy(o -> assertThat(copySignal(byPost.get(o.getId())).getScore()).isZero());
    }
  }

  private static String platform(int i) {
    return List.of("mastodon", "x", "bluesky").get(i % 3);
  }

  private static String text(String run, int i) {
    return "Harbour report number " + i + " from the ferry desk, run " + run;
  }

  private static Post copy(Post original, String id, String author, int minute) {
    return post(id, author, original.getText(), minute).build();
  }

  private static Signal copySignal(Assessment assessment) {
    return assessment.getSignals().stream().filter(s -> s.getName().equals(UnattributedCopyScorer.NAME)).findFirst().orElseThrow();
  }

  private static List<RecordMetadata> produce(ProvwatchConfig config, List<Post> posts) throws Exception {
    return TopicRecords.produce(config, Topics.POSTS, posts, Post::getId);
  }

  private static List<RecordMetadata> produceUnchecked(ProvwatchConfig config, List<Post> posts) {
    try {
      return produce(config, posts);
    } catch (Exception e) {
      throw new IllegalStateException("producing posts during the rebalance failed", e);
    }
  }

  /** Where the producer's default partitioner sends a post keyed by its text fingerprint. */
  private static int fingerprintPartition(Post post, int partitions) {
    byte[] key = TextFingerprint.of(post.getText()).orElseThrow().getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(key)) % partitions;
  }
}

package io.provwatch.scoring;

import static io.provwatch.scoring.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.DeadLetter;
import io.provwatch.avro.Post;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scoring stage on the real in-process broker and registry, under exactly_once_v2. */
class ScoringIT {
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  @Test
  void eachPostIsAssessedExactlyOnceBadRecordsAreDeadLetteredAndStateSurvivesARestart() throws Exception {
    String run = SharedKafkaCluster.unique("run");
    // min_repetition 2: the copies also co-share their text with alice once, which then is no coordination and the risk stays the copy's
    ProvwatchConfig config = cluster.config(Map.of(ProvwatchConfig.COORDINATION_MIN_REPETITION, "2"));
    String text = "Ferry timetable changes from Monday because of the harbour works " + run;

    try (StreamsStage stage = ScoringService.start(config)) {
      stage.awaitRunning(Duration.ofSeconds(60));
      // the original is assessed before its copy is sent: partitions are read in no fixed order (a known limit)
      produce(config, List.of(post("mastodon:" + run + "-1", "alice", text, 0).build()));
      assertThat(TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().equals("mastodon:" + run + "-1"), 1)).hasSize(1);
      produce(config, List.of(post("x:" + run + "-2", "mallory", text, 1).build()));
      TopicRecords.produceRaw(config, Topics.POSTS, run + "-garbage", "definitely not avro");
      List<Assessment> first = TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), 2);
      assertThat(first).extracting(Assessment::getPostId).containsExactlyInAnyOrder("mastodon:" + run + "-1", "x:" + run + "-2");
      assertThat(first).filteredOn(a -> a.getPostId().startsWith("x:")).singleElement()
          .satisfies(a -> assertThat(a.getRisk()).isEqualTo(0.9));
      List<DeadLetter> letters = TopicRecords.readCommitted(config, Topics.ASSESSMENTS_DLQ,
          d -> StandardCharsets.UTF_8.decode(d.getRaw().duplicate()).toString().equals("definitely not avro"), 1);
      assertThat(letters).singleElement().satisfies(d -> {
        assertThat(d.getErrorCode()).isEqualTo("DESERIALIZATION");
        assertThat(d.getStage()).isEqualTo("scoring");
        assertThat(d.getPosition()).startsWith("posts-");
      });
    }

    // same application id: the fingerprint store is restored from its changelog after the restart
    try (StreamsStage stage = ScoringService.start(config)) {
      stage.awaitRunning(Duration.ofSeconds(60));
      produce(config, List.of(post("bluesky:" + run + "-3", "trent", text, 2).build()));
      List<Assessment> all = TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), 3);
      assertThat(all).as("exactly once: no post assessed twice across the restart").hasSize(3)
          .extracting(Assessment::getPostId).doesNotHaveDuplicates();
      Assessment afterRestart = all.stream().filter(a -> a.getPostId().startsWith("bluesky:")).findFirst().orElseThrow();
      assertThat(afterRestart.getRisk()).as("copy found through restored state").isEqualTo(0.9);
      assertThat(afterRestart.getSignals().get(0).getEvidence()).containsEntry("originalPostId", "mastodon:" + run + "-1");
    }
  }

  @Test
  void postIdsSentSeveralTimesInARowHoldNoPostBackWhenTheInputStops() throws Exception {
    String run = SharedKafkaCluster.unique("repeat");
    ProvwatchConfig config = cluster.config(Map.of());
    String link = "https://news.example/" + run;
    List<Post> posts = new ArrayList<>();
    posts.add(post("x:" + run + "-before", "alice", "Tram line 4 runs again from Monday " + link, 0).setUrls(List.of(link)).build());
    for (int r = 0; r < 4; r++) {
      Post repeated = post("x:" + run + "-repeated" + r, "bob-" + r, "Tram line 4 is back, finally " + r + " " + link, 1).setUrls(List.of(link))
          .setHashtags(List.of("tram", "line4")).build();
      for (int copy = 0; copy < 3; copy++) {
        posts.add(repeated); // a client's retries: the same post again, right after
      }
    }
    // posts after it: those the by-post repartition puts on the repeated post's partition leave the gather only after it
    for (int i = 0; i < 6; i++) {
      posts.add(post("x:" + run + "-after" + i, "rider-" + i, "Tram line 4 timetable, stop " + i + " " + link, 2 + i).setUrls(List.of(link)).build());
    }

    try (StreamsStage stage = ScoringService.start(config)) {
      stage.awaitRunning(Duration.ofSeconds(60));
      produce(config, posts); // then nothing more: no later record can push anything out
      List<Assessment> assessed = TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), 11);
      assertThat(assessed).extracting(Assessment::getPostId).as("every post assessed, the repeated ones included")
          .containsAll(posts.stream().map(Post::getId).distinct().toList());
    }
  }

  @Test
  void aRepostFindsItsOriginalWhicheverPartitionEitherWasReadFromAndHowTheOriginalWasKeyed() throws Exception {
    String run = SharedKafkaCluster.unique("seen");
    ProvwatchConfig config = cluster.config(Map.of());
    List<Post> originals = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      originals.add(post("mastodon:" + run + "-o" + i, "author-" + i, "", 0).build()); // no text: nothing but the reference check
    }
    Post keyedOtherwise = post("mastodon:" + run + "-odd", "odd", "", 0).build();
    List<Post> reposts = new ArrayList<>();
    for (Post original : originals) {
      reposts.add(post(original.getId() + "-repost", "reposter", "", 1).setRepostOf(original.getId()).build());
    }
    reposts.add(post(keyedOtherwise.getId() + "-repost", "reposter", "", 1).setRepostOf(keyedOtherwise.getId()).build());
    reposts.add(post("mastodon:" + run + "-never-repost", "reposter", "", 1).setRepostOf("mastodon:" + run + "-never").build());

    try (StreamsStage stage = ScoringService.start(config)) {
      stage.awaitRunning(Duration.ofSeconds(60));
      produce(config, originals); // keyed by id: each is marked seen on the partition it is read from
      TopicRecords.produce(config, Topics.POSTS, List.of(keyedOtherwise), p -> "not-its-id-" + run); // marked through the repartition
      TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), originals.size() + 1);
      produce(config, reposts);
      List<Assessment> assessed = TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().endsWith("-repost"),
          reposts.size());
      assertThat(assessed).hasSize(reposts.size());
      for (Assessment a : assessed) {
        double unseen = a.getSignals().stream().filter(s -> s.getName().equals("unseen-original")).findFirst().orElseThrow().getScore();
        if (a.getPostId().contains("-never-")) {
          assertThat(unseen).as("a repost of a post never read").isPositive();
        } else {
          assertThat(unseen).as("%s: its original was read before it", a.getPostId()).isZero();
        }
      }
    }
  }

  private static void produce(ProvwatchConfig config, List<Post> posts) throws Exception {
    TopicRecords.produce(config, Topics.POSTS, posts, Post::getId);
  }
}

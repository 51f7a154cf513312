package io.provwatch.scoring;

import static io.provwatch.scoring.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.Post;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.TopologyTests;
import io.provwatch.platform.topics.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The copy check's outcome does not depend on the order posts arrive in: the production scoring
 * topology is fed the same few hundred posts (texts copied by up to five accounts, some at the same
 * second) in publication order, as three lagging partitions drained one after another, and shuffled;
 * after each, the latest assessment of every post flags exactly the posts that are not the first of
 * their text.
 */
class CopyCheckOrderTest {
  private static final List<String> SUBJECTS = List.of("The harbour bridge", "The night ferry", "The old library", "The tram line",
      "The city museum", "The north beach", "The market hall", "The river path", "The ice rink", "The bus station");
  private static final List<String> EVENTS = List.of("closes for good on Monday", "reopens after the storm next week",
      "is sold to a private company this winter", "gets free entry for everyone in December", "is flooded after the heavy rain",
      "will be torn down before the summer");
  private static final int PARTITIONS = 3;

  @TempDir Path dir;

  @Test
  void theSamePostsInAnyArrivalOrderFlagTheSameCopies() {
    List<Post> posts = copiedTexts(new Random(20261207));
    Set<String> copies = copiesByPublication(posts);
    assertThat(copies).as("the data has copies and originals").isNotEmpty().hasSizeLessThan(posts.size());

    List<Post> published = new ArrayList<>(posts);
    published.sort(Comparator.comparing(Post::getCreatedAt).thenComparing(Post::getId));
    List<Post> lagging = new ArrayList<>();
    for (int partition : List.of(2, 0, 1)) { // partition 2 drained first, then 0, then 1, each in its own order
      published.stream().filter(p -> partitionOf(p) == partition).forEach(lagging::add);
    }
    List<Post> shuffled = new ArrayList<>(posts);
    Collections.shuffle(shuffled, new Random(7));
    List<Post> reversed = new ArrayList<>(published);
    Collections.reverse(reversed);

    Map<String, List<Post>> orders = Map.of("publication", published, "lagging partitions", lagging, "shuffled", shuffled,
        "reversed", reversed);
    orders.forEach((name, order) -> {
      List<Assessment> out = run(name, order);
      Map<String, Assessment> latest = out.stream().collect(Collectors.toMap(Assessment::getPostId, a -> a, (first, later) -> later));
      assertThat(latest.keySet()).as("%s: every post assessed", name).hasSize(posts.size());
      Set<String> flagged = latest.values().stream().filter(CopyCheckOrderTest::flaggedAsCopy).map(Assessment::getPostId)
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(flagged).as("%s: the copies, and no original", name).isEqualTo(copies);
      assertThat(out.size() - posts.size()).as("%s: posts scored again", name).isLessThanOrEqualTo(copies.size());
      System.out.printf("CopyCheckOrderTest: %s order: %d posts, %d copies flagged, %d scored again%n", name, posts.size(),
          flagged.size(), out.size() - posts.size());
    });
  }

  /** Each text by 1 to 5 accounts, minutes to hours apart, every fourth copy in the same second as the one before. */
  private static List<Post> copiedTexts(Random random) {
    List<Post> posts = new ArrayList<>();
    int n = 0;
    for (String subject : SUBJECTS) {
      for (String event : EVENTS) {
        String text = subject + " " + event + ", " + (1 + random.nextInt(9)) + " people said so today";
        int minute = random.nextInt(600);
        int accounts = 1 + random.nextInt(5);
        for (int a = 0; a < accounts; a++) {
          String platform = List.of("mastodon", "x", "bluesky").get(random.nextInt(3));
          posts.add(post(platform + ":" + (n++), "account-" + random.nextInt(1000) + "-" + a, text, minute).build());
          minute += random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(90);
        }
      }
    }
    return posts;
  }

  /** The posts that are not the first of their text by publication time (ties: the smaller id). */
  private static Set<String> copiesByPublication(List<Post> posts) {
    Map<String, Post> first = new HashMap<>();
    for (Post p : posts) {
      first.merge(p.getText(), p, (x, y) -> {
        int c = x.getCreatedAt().compareTo(y.getCreatedAt());
        return c < 0 || c == 0 && x.getId().compareTo(y.getId()) < 0 ? x : y;
      });
    }
    return posts.stream().filter(p -> !first.get(p.getText()).getId().equals(p.getId())).map(Post::getId)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static int partitionOf(Post post) {
    return Utils.toPositive(Utils.murmur2(post.getId().getBytes(java.nio.charset.StandardCharsets.UTF_8))) % PARTITIONS;
  }

  private static boolean flaggedAsCopy(Assessment a) {
    return a.getSignals().stream().anyMatch(s -> s.getName().equals("unattributed-copy") && s.getScore() > 0);
  }

  private List<Assessment> run(String name, List<Post> order) {
    ProvwatchConfig config = TopologyTests.config(dir.resolve(name.replace(' ', '-')), Map.of(
        ProvwatchConfig.PROCESSING_GUARANTEE, "at_least_once", ProvwatchConfig.SCORING_MEDIA_WAIT_MS, "0"));
    try (TopologyTestDriver driver = TopologyTests.driver(ScoringTopologyBuilder.fromConfig(config).build(), config,
        ScoringService.STAGE, Topics.ASSESSMENTS_DLQ)) {
      TestInputTopic<String, Post> in = TopologyTests.input(driver, Topics.POSTS, config);
      TestOutputTopic<String, Assessment> out = TopologyTests.output(driver, Topics.ASSESSMENTS, config);
      order.forEach(p -> in.pipeInput(p.getId(), p, p.getObservedAt()));
      return out.readValuesToList();
    } finally {
      TopologyTests.release(config);
    }
  }
}

package io.provwatch.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Post;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticPostsTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void theSameSeedGivesTheSameStream() {
    assertThat(take(new SyntheticPosts(42, "a"), 500)).isEqualTo(take(new SyntheticPosts(42, "a"), 500));
  }

  @Test
  void sequenceNumbersComeBackFromIdsOfThisGeneratorOnly() {
    SyntheticPosts generator = new SyntheticPosts(1, "run-pipeline");
    List<Post> posts = take(generator, 20);
    for (int i = 0; i < posts.size(); i++) {
      assertThat(generator.sequenceOf(posts.get(i).getId())).isEqualTo(i);
    }
    assertThat(generator.sequenceOf("bench:run-pipeline-warmup-3")).isEqualTo(-1);
    assertThat(generator.sequenceOf("bench:run-pipeline-unseen-3")).isEqualTo(-1);
    assertThat(generator.sequenceOf("mastodon:3")).isEqualTo(-1);
    assertThat(generator.sequenceOf(null)).isEqualTo(-1);
  }

  @Test
  void theStreamHoldsTheCasesTheScorersLookFor() {
    List<Post> posts = take(new SyntheticPosts(42, "mix"), 2_000);
    long reposts = posts.stream().filter(p -> p.getRepostOf() != null).count();
    long undigestedMedia = posts.stream().filter(p -> p.getMedia().stream().anyMatch(m -> m.getSha256() == null)).count();
    long distinctTexts = posts.stream().map(Post::getText).filter(t -> !t.isEmpty()).distinct().count();
    long texts = posts.stream().map(Post::getText).filter(t -> !t.isEmpty()).count();
    assertThat(reposts).isBetween(200L, 400L);
    assertThat(undigestedMedia).isBetween(50L, 150L);
    assertThat(texts - distinctTexts).as("unattributed copies").isBetween(100L, 300L);
  }

  private static List<Post> take(SyntheticPosts generator, int n) {
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      posts.add(generator.next(NOW.plusMillis(i)));
    }
    return posts;
  }
}

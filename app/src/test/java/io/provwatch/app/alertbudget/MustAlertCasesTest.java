package io.provwatch.app.alertbudget;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.app.alertbudget.EvalPost.Role;
import io.provwatch.avro.Author;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.scoring.similarity.TextFingerprint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MustAlertCasesTest {
  private static final Instant T0 = Instant.parse("2021-09-22T16:37:29Z");
  /** When provwatch read the real posts: years after they were published, as for the shared payloads. */
  private static final Instant READ = Instant.parse("2026-12-07T10:00:00Z");

  private static EvalPost ordinary(String id, String text, String repostOf) {
    Post post = Post.newBuilder().setId(id).setPlatform("x").setAuthor(Author.newBuilder().setId("ann").setHandle("ann").build())
        .setCreatedAt(T0).setObservedAt(READ).setText(text).setRepostOf(repostOf).setReplyTo("x:0")
        .setSource(SourcePosition.newBuilder().setConnector("test").setPosition(id).build()).build();
    return new EvalPost(post, "ordinary: x", Role.ORDINARY);
  }

  @Test
  void aCopyIsTheSameTextAnHourLaterByAnotherAccountWithoutCredit() {
    String text = "The same Labour MPs that were happy to cite party members are now saying otherwise";
    List<EvalPost> copies = MustAlertCases.copies(List.of(
        ordinary("x:1", "too short to copy", null),
        ordinary("x:2", "RT @someone: " + text, null),
        ordinary("x:3", text, "x:0"),
        ordinary("x:4", text, null),
        ordinary("x:5", text + " again", null)), 1);
    assertThat(copies).singleElement().satisfies(copy -> {
      assertThat(copy.role()).isEqualTo(Role.MUST_ALERT);
      Post post = copy.post();
      assertThat(post.getId()).isEqualTo("x:eval-copy-0");
      assertThat(post.getText()).isEqualTo(text);
      assertThat(TextFingerprint.of(post.getText())).isEqualTo(TextFingerprint.of(text));
      assertThat(post.getAuthor().getId()).isNotEqualTo("ann");
      assertThat(post.getCreatedAt()).isEqualTo(T0.plus(Duration.ofHours(1)));
      assertThat(post.getObservedAt()).as("read an hour after its original, or the copy check takes it for the original")
          .isEqualTo(READ.plus(Duration.ofHours(1)));
      assertThat(post.getRepostOf()).isNull();
      assertThat(post.getReplyTo()).as("no link back to anything").isNull();
    });
  }

  @Test
  void thePlantedCasesOfTheSampleMustAlertAndTheRestIsContext() throws Exception {
    List<EvalPost> sample = MustAlertCases.sample();
    assertThat(sample).hasSize(203);
    assertThat(sample).filteredOn(p -> p.role() == Role.MUST_ALERT).extracting(EvalPost::group)
        .contains("must alert: sample copy", "must alert: sample low-credibility-link", "must alert: sample llm-wording");
    assertThat(sample).filteredOn(p -> p.post().getId().equals("x:2123708241411677752")).singleElement()
        .satisfies(p -> assertThat(p.group()).isEqualTo("must alert: sample copy"));
    assertThat(sample).filteredOn(p -> p.post().getId().equals("mastodon:117648841768965201")).as("a repost of an unseen original")
        .singleElement().satisfies(p -> assertThat(p.role()).isEqualTo(Role.CONTEXT));
  }
}

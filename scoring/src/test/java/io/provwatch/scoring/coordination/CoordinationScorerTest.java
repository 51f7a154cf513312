package io.provwatch.scoring.coordination;

import static io.provwatch.scoring.coordination.ScorerFacts.context;
import static io.provwatch.scoring.coordination.ScorerFacts.fact;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.Posts;
import io.provwatch.scoring.SignalResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoordinationScorerTest {
  private final CoordinationScorer scorer = new CoordinationScorer();

  @Test
  void fivePartnersOnALinkAreCertainAndNamedWithTheCampaign() {
    SignalResult r = scorer.score(context(1, Map.of("b", 1, "c", 1, "d", 1, "e", 1, "f", 1),
        fact("url", "url:n.example/a", "n.example/a", "b", "c", "d", "e", "f").setCampaignId("cmp-1").build()));
    assertThat(r.score()).isEqualTo(1.0);
    assertThat(r.reasons()).containsExactly("posted the same link (n.example/a) as 5 other accounts within 10 min");
    assertThat(r.evidence()).containsEntry("campaignId", "cmp-1").containsEntry("accounts", "b,c,d,e,f").containsEntry("accountCount", "5")
        .containsEntry("objectKind", "url");
  }

  @Test
  void minRepetitionKeepsOnlyPairsThatRepeated() {
    PostContext ctx = context(2, Map.of("b", 2, "c", 1),
        fact("hashtags", "hashtags:#a #b", "#a #b", "b", "c").build());
    SignalResult r = scorer.score(ctx);
    assertThat(r.score()).isEqualTo(0.2);
    assertThat(r.reasons().get(0)).isEqualTo("posted the same hashtags (#a #b) as 1 other account within 10 min, each of which did so with this account at least 2 times");
    assertThat(r.evidence()).containsEntry("accounts", "b").doesNotContainKey("campaignId");
  }

  @Test
  void tooLateIsReportedWithoutScore() {
    SignalResult r = scorer.score(context(1, Map.of(),
        fact("media", "media:ab", "i.example/1.jpg (sha256 ab)").setTooLate(true).setLateByMs(3_600_000).build()));
    assertThat(r.score()).isZero();
    assertThat(r.reasons()).containsExactly(
        "published 1 h before the newest share of this picture or video (i.example/1.jpg (sha256 ab)): too late for the window, not compared with other accounts");
    assertThat(r.evidence()).containsEntry("tooLate", "media:ab");
  }

  @Test
  void nothingWithoutFactsOrPartners() {
    assertThat(scorer.score(PostContext.alone(Posts.post("x:1", "ann", "t", 0).build()))).isEqualTo(SignalResult.none());
    assertThat(scorer.score(context(1, Map.of(), fact("author", "author:x:ann", "ann").build()))).isEqualTo(SignalResult.none());
  }
}

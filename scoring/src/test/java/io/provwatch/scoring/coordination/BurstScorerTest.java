package io.provwatch.scoring.coordination;

import static io.provwatch.scoring.coordination.ScorerFacts.context;
import static io.provwatch.scoring.coordination.ScorerFacts.fact;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.scoring.SignalResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BurstScorerTest {
  private final BurstScorer scorer = new BurstScorer();

  @Test
  void anAuthorAboveTheCeilingAndTheirOwnBaselineBursts() {
    SignalResult r = scorer.score(context(1, Map.of(), fact("author", "author:x:ann", "ann").setSharesInWindow(15).setBaselinePerWindow(2.5).build()));
    assertThat(r.score()).isEqualTo(0.75);
    assertThat(r.reasons()).containsExactly("the author posted 15 times within 10 min, 6 times their usual rate");
    assertThat(r.evidence()).containsEntry("authorPostsInWindow", "15").containsEntry("authorUsualPerWindow", "2.50");
  }

  @Test
  void aSteadyHighVolumeAuthorDoesNotBurst() {
    assertThat(scorer.score(context(1, Map.of(), fact("author", "author:x:bot", "bot").setSharesInWindow(15).setBaselinePerWindow(12).build())))
        .isEqualTo(SignalResult.none());
    assertThat(scorer.score(context(1, Map.of(), fact("author", "author:x:ann", "ann").setSharesInWindow(9).build())))
        .isEqualTo(SignalResult.none());
  }

  @Test
  void anObjectSharedByManyAccountsBurstsOncePerText() {
    SignalResult r = scorer.score(context(1, Map.of(),
        fact("text", "text:0:aa", "vote early vote often").setDistinctAccountsInWindow(40).build(),
        fact("text", "text:1:bb", "vote early vote often").setDistinctAccountsInWindow(40).build()));
    assertThat(r.score()).isEqualTo(1.0);
    assertThat(r.reasons()).containsExactly("This text (\"vote early vote often\") was posted by 40 accounts within 10 min");
    assertThat(BurstScorer.aboveCeiling(20, 20)).isEqualTo(0.5);
  }
}

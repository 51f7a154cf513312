package io.provwatch.scoring.claims;

import static io.provwatch.scoring.claims.Claims.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Author;
import io.provwatch.avro.ClaimMatch;
import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.SignalResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClaimMatchScorerTest {
  private final ClaimMatchScorer scorer = new ClaimMatchScorer();

  private static PostContext withMatches(ClaimMatch... matches) {
    Post post = Post.newBuilder().setId("x:1").setPlatform("x").setAuthor(Author.newBuilder().setId("a").build())
        .setCreatedAt(Instant.EPOCH).setObservedAt(Instant.EPOCH).setText("text")
        .setSource(SourcePosition.newBuilder().setConnector("test").setPosition("1").build()).build();
    return new PostContext(post, Optional.empty(), Optional.empty(), Map.of(), List.of(matches), List.of());
  }

  private static ClaimMatch match(String id, ClaimVerdict verdict, String rating, double similarity) {
    return ClaimMatch.newBuilder().setClaim(claim(id, "claim text of " + id, verdict, rating)).setSimilarity(similarity).build();
  }

  @Test
  void aFalseClaimScoresItsSimilarityAndTheReasonCitesClaimRatingAndUrl() {
    SignalResult result = scorer.score(withMatches(match("t:1", ClaimVerdict.FALSE, "Pants on Fire", 0.8)));
    assertThat(result.score()).isEqualTo(0.8);
    assertThat(result.reasons()).singleElement().asString()
        .contains("repeats the fact-checked claim \"claim text of t:1\" (match probability 80%)", "Example Checks", "\"Pants on Fire\" (FALSE)", "https://factcheck.example/t-1");
    assertThat(result.evidence()).containsEntry("claimId", "t:1").containsEntry("verdict", "FALSE")
        .containsEntry("rating", "Pants on Fire").containsEntry("url", "https://factcheck.example/t-1").containsEntry("similarity", "0.8000");
  }

  @Test
  void mostlyFalseCountsLessAndTrueClaimsAreReportedWithoutScore() {
    assertThat(scorer.score(withMatches(match("t:1", ClaimVerdict.MOSTLY_FALSE, "Barely True", 1.0))).score()).isEqualTo(0.7);
    SignalResult onlyTrue = scorer.score(withMatches(match("t:2", ClaimVerdict.TRUE, "True", 0.9),
        match("t:3", ClaimVerdict.UNRATED, null, 0.6)));
    assertThat(onlyTrue.score()).isZero();
    assertThat(onlyTrue.reasons()).hasSize(2).first().asString().contains("t:2", "\"True\" (TRUE)");
    assertThat(onlyTrue.evidence()).containsEntry("claimId", "t:2").containsEntry("matchedClaims", "t:2,t:3");
  }

  @Test
  void theFalseMatchBehindTheScoreComesFirstEvenWhenATrueOneIsCloser() {
    SignalResult result = scorer.score(withMatches(match("t:true", ClaimVerdict.TRUE, "True", 0.95),
        match("t:false", ClaimVerdict.FALSE, "False", 0.6)));
    assertThat(result.score()).isEqualTo(0.6);
    assertThat(result.evidence()).containsEntry("claimId", "t:false");
    assertThat(result.reasons()).hasSize(2).first().asString().contains("t:false");
  }

  @Test
  void noMatchNoSignal() {
    assertThat(scorer.score(withMatches())).isEqualTo(SignalResult.none());
  }
}

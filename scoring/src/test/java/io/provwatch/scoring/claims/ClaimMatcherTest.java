package io.provwatch.scoring.claims;

import static io.provwatch.scoring.claims.Claims.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.ClaimMatch;
import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.FactCheck;
import java.io.StringWriter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The matcher with the shipped model: retrieval, decision, and an index that follows puts and removes. */
class ClaimMatcherTest {
  private static final String[] OTHERS = {
      "The ferry carried more passengers last year than in any year before",
      "City hall sold the old library building to a casino operator in secret",
      "Every bus in the county will be free of charge from the first of June",
      "The new stadium was paid for entirely by a foreign government",
      "Half of the council staff work from their holiday homes abroad"};

  private final ClaimMatcher matcher = ClaimMatcher.withDefaultModel();

  @AfterEach
  void close() throws Exception {
    matcher.close();
  }

  private void fill() {
    matcher.put("t:1", claim("t:1", Claims.VACCINE_CHIPS, ClaimVerdict.FALSE, "Pants on Fire"));
    matcher.put("t:2", claim("t:2", Claims.BRIDGE_COST, ClaimVerdict.MOSTLY_TRUE, "Mostly True"));
    for (int i = 0; i < OTHERS.length; i++) {
      matcher.put("o:" + i, claim("o:" + i, OTHERS[i], ClaimVerdict.FALSE, "False"));
    }
  }

  @Test
  void aPostRepeatingAClaimInItsOwnWordsMatchesItAndAnUnrelatedPostMatchesNothing() {
    fill();
    List<ClaimMatch> matches = matcher.match("Wake up: covid vaccines contain microchips that let governments track everyone. #truth",
        null, 3);
    assertThat(matches).isNotEmpty();
    assertThat(matches.get(0).getClaim().getId()).isEqualTo("t:1");
    assertThat(matches.get(0).getSimilarity()).isBetween(matcher.model().threshold(), 1.0);
    assertThat(matcher.match("Lovely sunset over the harbour tonight, bring a jacket", null, 3)).isEmpty();
    assertThat(matcher.match("", null, 3)).isEmpty();
  }

  @Test
  void theRankingIsDeterministicAndHighestProbabilityFirst() {
    fill();
    String post = "so the new harbour bridge cost three times what the council promised? shocking";
    List<ClaimMatcher.Scored> first = matcher.rank(post, null, 10);
    assertThat(first.get(0).key()).isEqualTo("t:2");
    assertThat(first).extracting(ClaimMatcher.Scored::probability).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    ClaimMatcher again = ClaimMatcher.withDefaultModel();
    for (int i = OTHERS.length - 1; i >= 0; i--) {
      again.put("o:" + i, claim("o:" + i, OTHERS[i], ClaimVerdict.FALSE, "False"));
    }
    again.put("t:2", claim("t:2", Claims.BRIDGE_COST, ClaimVerdict.MOSTLY_TRUE, "Mostly True"));
    again.put("t:1", claim("t:1", Claims.VACCINE_CHIPS, ClaimVerdict.FALSE, "Pants on Fire"));
    assertThat(again.rank(post, null, 10))
        .as("the same claims put in another order give the same probabilities")
        .extracting(s -> s.key() + "=" + s.probability())
        .containsExactlyElementsOf(first.stream().map(s -> s.key() + "=" + s.probability()).toList());
  }

  @Test
  void aClaimPutIsMatchedByTheNextLookupAndARemovedOrReplacedOneNoLonger() {
    fill();
    String post = "Adding fluoride to the tap water lowers the IQ of children, in every town that does it!";
    assertThat(matcher.match(post, null, 3)).isEmpty();
    matcher.put("t:9", claim("t:9", Claims.WATER_FLUORIDE, ClaimVerdict.MOSTLY_FALSE, "Mostly False"));
    assertThat(matcher.match(post, null, 3)).extracting(m -> m.getClaim().getId()).first().isEqualTo("t:9");
    assertThat(matcher.size()).isEqualTo(8);

    matcher.put("t:9", claim("t:9", "Seawater cures the flu within a day", ClaimVerdict.FALSE, "False"));
    assertThat(matcher.match(post, null, 3)).as("the old text is gone from the index").isEmpty();
    assertThat(matcher.size()).isEqualTo(8);
    matcher.remove("t:9");
    matcher.remove("t:unknown");
    assertThat(matcher.claim("t:9")).isNull();
    assertThat(matcher.match("seawater cures the flu within a day", null, 3)).isEmpty();
    assertThat(matcher.size()).isEqualTo(7);
  }

  @Test
  void theArticleTitleIsIndexedBesideTheClaim() {
    FactCheck withTitle = FactCheck.newBuilder(claim("s:1", "A photograph shows a shark swimming on a flooded highway after the storm.",
        ClaimVerdict.FALSE, "False")).setTitle("Shark on a Flooded Highway in Houston?").build();
    matcher.put("s:1", withTitle);
    fill();
    assertThat(matcher.rank("shark on the highway in Houston!!", null, 1)).extracting(ClaimMatcher.Scored::key).containsExactly("s:1");
  }

  @Test
  void aPairGetsTheSameProbabilityInABankOfOneClaimAsInALargerBank() {
    String post = "Wake up: covid vaccines contain microchips that let governments track everyone. #truth";
    matcher.put("t:1", claim("t:1", Claims.VACCINE_CHIPS, ClaimVerdict.FALSE, "Pants on Fire"));
    double alone = matcher.rank(post, null, 1).get(0).probability();
    fill();
    ClaimMatcher.Scored amongOthers = matcher.rank(post, null, 1).get(0);
    assertThat(amongOthers.key()).isEqualTo("t:1");
    assertThat(amongOthers.probability()).as("features use the model's reference statistics, not the bank's").isEqualTo(alone);
  }

  @Test
  void anOnTopicPostThatRepeatsNoClaimOfASmallTopicalBankIsNotMatched() {
    // a bank of a few claims about one town: every top candidate is the bank's best, and that must not make it a match
    matcher.put("b:1", claim("b:1", "Every town centre car park in Harbourton is closing from January", ClaimVerdict.FALSE, "False"));
    matcher.put("b:2", claim("b:2", "Harbourton libraries will open on Sundays from the new year", ClaimVerdict.MOSTLY_FALSE, "Half True"));
    assertThat(matcher.match("Harbourton Rovers v Eastfield on Saturday, 3pm kick-off, the car park at the ground opens at 1", null, 3)).isEmpty();
    assertThat(matcher.match("The central library in Harbourton is open until 8pm from Monday, study rooms can be booked", null, 3)).isEmpty();
  }

  @Test
  void aPostThatDeniesOrReportsTheClaimIsNotARepetition() {
    matcher.put("t:1", claim("t:1", Claims.VACCINE_CHIPS, ClaimVerdict.FALSE, "Pants on Fire"));
    fill();
    String repeats = "covid vaccines contain microchips so that governments can track everyone who gets the shot";
    assertThat(matcher.match(repeats, null, 3)).extracting(m -> m.getClaim().getId()).first().isEqualTo("t:1");
    ClaimMatcher.Scored denial = matcher.rank("It is not true that covid vaccines contain microchips so that governments can track everyone who"
        + " gets the shot", null, 1).get(0);
    assertThat(denial.key()).as("the denial is about the claim").isEqualTo("t:1");
    assertThat(matcher.match("It is not true that covid vaccines contain microchips so that governments can track everyone who gets the shot",
        null, 3)).as("but does not repeat it").isEmpty();
  }

  @Test
  void theShippedModelReadsBackAsWritten() throws Exception {
    ClaimMatchModel model = ClaimMatchModel.defaultModel();
    assertThat(model.version()).startsWith("claims-2-");
    StringWriter out = new StringWriter();
    model.write(out);
    ClaimMatchModel back = ClaimMatchModel.read(new ByteArrayInputStream(out.toString().getBytes(StandardCharsets.UTF_8)));
    StringWriter again = new StringWriter();
    back.write(again);
    assertThat(again.toString()).isEqualTo(out.toString());
    double[] features = new double[MatchFeatures.COUNT];
    features[MatchFeatures.NAMES.indexOf("cover.claim")] = 0.8;
    assertThat(back.probability(features)).isEqualTo(model.probability(features));
    assertThat(model.withThreshold(0.7).threshold()).isEqualTo(0.7);
  }
}

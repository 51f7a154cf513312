package io.provwatch.scoring.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MinHashTest {
  private static final String TEXT = "The mayor quietly cancelled the flood defence contract last week and nobody reported it";

  @Test
  void copiesThatDifferInCasePunctuationLinksAndMentionsHaveTheSameSignature() {
    List<Integer> original = MinHash.of(TEXT).orElseThrow();
    assertThat(MinHash.of("@press " + TEXT.toUpperCase() + "!!! https://t.co/x")).contains(original);
    assertThat(MinHash.bands(original)).hasSize(MinHash.BANDS).doesNotHaveDuplicates();
  }

  @Test
  void aOneWordEditStillSharesABandAndIsNearIdentical() {
    List<Integer> a = MinHash.of(TEXT).orElseThrow();
    List<Integer> b = MinHash.of(TEXT.replace("quietly", "secretly")).orElseThrow();
    assertThat(MinHash.bands(a)).containsAnyElementsOf(MinHash.bands(b));
    assertThat(MinHash.similarity(a, b)).isGreaterThanOrEqualTo(MinHash.NEAR_IDENTICAL).isLessThan(1.0);
  }

  @Test
  void unrelatedTextsShareNoBand() {
    List<Integer> a = MinHash.of(TEXT).orElseThrow();
    List<Integer> b = MinHash.of("Tickets for the harbour festival go on sale on Friday morning at the town hall").orElseThrow();
    assertThat(MinHash.bands(a)).doesNotContainAnyElementsOf(MinHash.bands(b));
    assertThat(MinHash.similarity(a, b)).isLessThan(MinHash.NEAR_IDENTICAL);
  }

  @Test
  void shortOrMissingTextHasNoSignature() {
    assertThat(MinHash.of("good morning everyone")).isEmpty();
    assertThat(MinHash.of(null)).isEmpty();
  }
}

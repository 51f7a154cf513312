package io.provwatch.scoring.similarity;

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

  /**
   * Golden values: signatures and band keys are stored (the coordination step's shares and pairs, in
   * changelogs) and compared across restarts and versions, so they must never change silently.
   */
  @Test
  void signaturesAndBandsAreTheOnesStoredByEarlierVersions() {
    String text = "The harbour bridge closes for good on Monday and nobody was told, share before they delete it";
    List<Integer> signature = MinHash.of(text).orElseThrow();
    assertThat(signature).containsExactly(386575034, 589628, 528313812, 17385544, 86845935, 100284683, 65324741, 84178352, 245331143,
        123941413, 105300228, 20137628, 184047271, 198618503, 83438631);
    assertThat(MinHash.bands(signature)).containsExactly("0:fee9e625f605a9db", "1:a7142fddc061fb1a", "2:83003fc8e61844b2");
    List<Integer> other = MinHash.of("Vaccines contain microchips that track you, says a post shared thousands of times").orElseThrow();
    assertThat(MinHash.bands(other)).containsExactly("0:da91c44c38b913ce", "1:c9d668a32eedc20c", "2:acadc7f411ae54ff");
    List<Integer> rewrite = MinHash.of("BREAKING: the harbour bridge closes for good on Monday!! nobody was told https://t.co/x @mayor")
        .orElseThrow();
    assertThat(MinHash.similarity(signature, rewrite)).isEqualTo(0.4666666666666667);
  }
}

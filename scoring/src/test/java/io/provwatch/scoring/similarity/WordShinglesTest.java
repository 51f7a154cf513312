package io.provwatch.scoring.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordShinglesTest {
  private static final String TEXT = "The harbour bridge closes for good on Monday and nobody was told, share before they delete it";
  private static final String REWRITE = "BREAKING: the harbour bridge closes for good on Monday!! nobody was told https://t.co/x @mayor";

  @Test
  void shinglesIgnoreCasePunctuationLinksAndMentionsAndAreSortedAndDistinct() {
    long[] plain = WordShingles.telling("the cat sat on the mat");
    assertThat(plain).as("the cat, cat sat, sat on, the mat; 'on the' is function words only").hasSize(4).isSorted();
    assertThat(WordShingles.telling("THE cat, sat on... the mat! https://x.example/a @bob")).containsExactly(plain);
    assertThat(WordShingles.telling("the cat the cat the cat")).as("repeated pairs count once").hasSize(2);
    assertThat(WordShingles.all("the cat sat on the mat")).as("every pair").hasSize(5).isSorted();
  }

  @Test
  void aTextOfFunctionWordsOnlyKeepsThemAll() {
    assertThat(WordShingles.telling("it is what it is")).hasSize(3);
  }

  @Test
  void aTextShorterThanAShingleIsOneShingleAndAnEmptyTextNone() {
    assertThat(WordShingles.telling("hoax")).hasSize(1);
    assertThat(WordShingles.all("hoax")).isEmpty();
    assertThat(WordShingles.telling(" ... ")).isEmpty();
    assertThat(WordShingles.telling(null)).isEmpty();
  }

  @Test
  void containmentIsTheShareOfTheClaimFoundInThePost() {
    long[] claim = WordShingles.telling("vaccines contain microchips");
    assertThat(WordShingles.containment(claim, WordShingles.telling("they say vaccines contain microchips, share before it is deleted")))
        .isEqualTo(1.0);
    assertThat(WordShingles.containment(claim, WordShingles.telling("vaccines contain water and salts"))).isEqualTo(0.5);
    assertThat(WordShingles.containment(claim, WordShingles.telling("nothing in common here"))).isZero();
    assertThat(WordShingles.containment(new long[0], claim)).isZero();
  }

  /** The values the claim matcher's model was trained with (the former claims.Shingles, which hashed with murmur3): unchanged. */
  @Test
  void containmentAsTheClaimModelWasTrainedOn() {
    assertThat(WordShingles.containment(WordShingles.telling(TEXT), WordShingles.telling(REWRITE))).isEqualTo(0.5625);
    assertThat(WordShingles.containment(WordShingles.telling(REWRITE), WordShingles.telling(TEXT))).isEqualTo(0.8181818181818182);
    assertThat(WordShingles.containment(WordShingles.telling("Bridge closes"), WordShingles.telling(TEXT))).isEqualTo(1.0);
  }
}

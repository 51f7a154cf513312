package io.provwatch.scoring.claims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ShinglesTest {
  @Test
  void shinglesIgnoreCasePunctuationLinksAndMentionsAndAreSortedAndDistinct() {
    int[] plain = Shingles.of("the cat sat on the mat");
    assertThat(plain).as("the cat, cat sat, sat on, the mat; 'on the' is function words only").hasSize(4).isSorted();
    assertThat(Shingles.of("THE cat, sat on... the mat! https://x.example/a @bob")).containsExactly(plain);
    assertThat(Shingles.of("the cat the cat the cat")).as("repeated pairs count once").hasSize(2);
  }

  @Test
  void aTextOfFunctionWordsOnlyKeepsThemAll() {
    assertThat(Shingles.of("it is what it is")).hasSize(3);
  }

  @Test
  void aTextShorterThanAShingleIsOneShingleAndAnEmptyTextNone() {
    assertThat(Shingles.of("hoax")).hasSize(1);
    assertThat(Shingles.of(" ... ")).isEmpty();
    assertThat(Shingles.of(null)).isEmpty();
  }

  @Test
  void containmentIsTheShareOfTheClaimFoundInThePost() {
    int[] claim = Shingles.of("vaccines contain microchips");
    assertThat(Shingles.containment(claim, Shingles.of("they say vaccines contain microchips, share before it is deleted"))).isEqualTo(1.0);
    assertThat(Shingles.containment(claim, Shingles.of("vaccines contain water and salts"))).isEqualTo(0.5);
    assertThat(Shingles.containment(claim, Shingles.of("nothing in common here"))).isZero();
    assertThat(Shingles.containment(new int[0], claim)).isZero();
  }
}

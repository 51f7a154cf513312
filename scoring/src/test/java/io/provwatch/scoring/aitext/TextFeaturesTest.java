package io.provwatch.scoring.aitext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TextFeaturesTest {
  private final TextFeatures features = new TextFeatures(18);

  private double value(Stylometry s) {
    return features.dense()[s.ordinal()];
  }

  @Test
  void sentenceLengthsMeanAndVariation() {
    features.extract("One two three. Four five six seven eight. Nine!");
    assertThat(value(Stylometry.SENTENCE_LENGTH_MEAN)).isEqualTo(3.0);
    // lengths 3, 5, 1: population standard deviation √(8/3), over the mean 3
    assertThat(value(Stylometry.SENTENCE_LENGTH_CV)).isCloseTo(Math.sqrt(8.0 / 3) / 3, within(1e-12));
    assertThat(features.words()).isEqualTo(9);
  }

  @Test
  void aSentenceDoesNotEndInsideANumber() {
    features.extract("We paid 3.50 for 1,000 of them. Fine");
    assertThat(value(Stylometry.SENTENCE_LENGTH_MEAN)).as("'We paid 3.50 for 1,000 of them.' and 'Fine'").isEqualTo((7 + 1) / 2.0);
    assertThat(features.normalised()).isEqualTo(" we paid 0.00 for 0,000 of them. fine ");
  }

  @Test
  void vocabularyAndFunctionWordRates() {
    features.extract("The cat saw the dog and the bird");
    assertThat(value(Stylometry.TYPE_TOKEN_RATIO)).isEqualTo(6 / 8.0);
    assertThat(value(Stylometry.FUNCTION_WORD_RATE)).isEqualTo(4 / 8.0);
    assertThat(value(Stylometry.ARTICLE_RATE)).isEqualTo(3 / 8.0);
    assertThat(value(Stylometry.FIRST_PERSON_RATE)).isZero();
    features.extract("However, I think we can't do it, and you know it. Additionally, it may rain.");
    assertThat(value(Stylometry.CONNECTIVE_RATE)).as("however, additionally").isEqualTo(2 / 15.0);
    assertThat(value(Stylometry.FIRST_PERSON_RATE)).as("I, we").isEqualTo(2 / 15.0);
    assertThat(value(Stylometry.SECOND_PERSON_RATE)).isEqualTo(1 / 15.0);
    assertThat(value(Stylometry.CONTRACTION_RATE)).as("can't is one word").isEqualTo(1 / 15.0);
    assertThat(value(Stylometry.NEGATION_RATE)).isEqualTo(1 / 15.0);
    assertThat(value(Stylometry.COMMA_RATE)).isEqualTo(3 / 15.0);
  }

  @Test
  void punctuationCaseAndDigits() {
    features.extract("WOW!!! this is GREAT... really? (yes) #blessed 42");
    assertThat(value(Stylometry.EXCLAMATION_RATE)).isEqualTo(3 / 8.0);
    assertThat(value(Stylometry.ELLIPSIS_RATE)).isEqualTo(1 / 8.0);
    assertThat(value(Stylometry.QUESTION_RATE)).isEqualTo(1 / 8.0);
    assertThat(value(Stylometry.PARENTHESIS_RATE)).isEqualTo(2 / 8.0);
    assertThat(value(Stylometry.HASHTAG_RATE)).isEqualTo(1 / 8.0);
    assertThat(value(Stylometry.ALL_CAPS_WORD_RATE)).isEqualTo(2 / 8.0);
    assertThat(value(Stylometry.LOWERCASE_SENTENCE_START_RATE)).as("'WOW', 'this', 'really', '(yes) ...'").isEqualTo(3 / 4.0);
    assertThat(value(Stylometry.DIGIT_RATE)).isEqualTo(2.0 / features.textChars());
  }

  @Test
  void linksAndMentionsAreLeftOutAndTheRestNormalised() {
    features.extract("Hello @bob see https://x.example/z?q=1 NOW\n\n 2024");
    assertThat(features.normalised()).isEqualTo(" hello see now 0000 ");
    assertThat(features.textChars()).isEqualTo("HelloseeNOW2024".length());
  }

  @Test
  void everyCharacterPositionGivesThreeFourAndFiveGramsAndEveryWordAUnigramAndABigram() {
    features.extract("Tiny cats nap.");
    int length = features.normalised().length(); // " tiny cats nap. "
    assertThat(features.charCount()).isEqualTo(3 * length - 9);
    assertThat(features.wordGramCount()).isEqualTo(2 * 3);
    assertThat(features.wordGramText(3)).as("the bigram of 'cats' starts at 'tiny'").isEqualTo("tiny cats");
    assertThat(features.charValue()).isEqualTo(1 / Math.sqrt(features.charCount()));
  }

  @Test
  void repetitiveTextCompressesBetterThanVariedText() {
    features.extract("buy now buy now buy now buy now buy now buy now buy now buy now");
    double repetitive = value(Stylometry.COMPRESSION_RATIO);
    assertThat(value(Stylometry.REPEATED_BIGRAM_RATE)).isGreaterThan(0.8);
    features.extract("The quick brown fox jumps over a lazy dog while seven wizards quietly vex the jolly king.");
    assertThat(value(Stylometry.COMPRESSION_RATIO)).isGreaterThan(repetitive).isGreaterThan(0.9);
    assertThat(value(Stylometry.REPEATED_BIGRAM_RATE)).isZero();
  }

  @Test
  void theWordHashIsFnv1a64SoModelsStayValidAcrossJvms() {
    // FNV-1a 64-bit of the bytes "the", computed independently of this code
    assertThat(WordClasses.hash("the")).isEqualTo(0x56f5c9194461d57cL);
    assertThat(WordClasses.flags(WordClasses.hash("the")) & WordClasses.ARTICLE).isNotZero();
    assertThat(WordClasses.flags(WordClasses.hash("und"))).isEqualTo(1 << WordClasses.FIRST_LANGUAGE_BIT);
  }

  @Test
  void emptyAndHugeTextsAreSafeAndBounded() {
    features.extract("");
    assertThat(features.textChars()).isZero();
    assertThat(value(Stylometry.SENTENCE_LENGTH_MEAN)).isNaN();
    features.extract("word ".repeat(10_000));
    assertThat(features.words()).isEqualTo(TextFeatures.MAX_CHARS / 5);
    assertThat(new TextFeatures(18).extract("a b. c d e.").dense()).containsExactly(new TextFeatures(18).extract("a b. c d e.").dense());
  }

  @Test
  void hashBitsOutsideTheSupportedRangeAreRefused() {
    assertThatThrownBy(() -> new TextFeatures(30)).hasMessageContaining("hashBits");
  }
}

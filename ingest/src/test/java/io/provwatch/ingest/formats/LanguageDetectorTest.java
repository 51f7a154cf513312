package io.provwatch.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {
  @Test
  void declaredTagsAreBcp47AndUndeterminedCodesAreNone() {
    assertThat(LanguageDetector.declared("EN")).isEqualTo("en");
    assertThat(LanguageDetector.declared("pt_br")).isEqualTo("pt-BR");
    assertThat(LanguageDetector.declared("und")).isNull();
    assertThat(LanguageDetector.declared("qst")).as("X: very short text").isNull();
    assertThat(LanguageDetector.declared("zxx")).isNull();
    assertThat(LanguageDetector.declared("not a tag!")).isNull();
    assertThat(LanguageDetector.declared(" ")).isNull();
  }

  @Test
  void theDeclaredLanguageWinsOverDetection() {
    assertThat(LanguageDetector.resolve("fr", "This is plainly an English sentence about the weather.", true))
        .as("declared: no confidence").isEqualTo(new LanguageDetector.Resolved("fr", null));
    assertThat(LanguageDetector.resolve(null, "This is plainly an English sentence about the weather.", false))
        .isEqualTo(new LanguageDetector.Resolved(null, null));
  }

  @Test
  void undeclaredLanguagesAreDetectedFromTheText() {
    LanguageDetector.Resolved english = LanguageDetector.resolve(null, "Absolutely stunning. Really love this, perfect finish as well.", true);
    assertThat(english.language()).isEqualTo("en");
    assertThat(english.confidence()).as("detected: with the detector's margin").isBetween(LanguageDetector.MIN_CONFIDENCE, 1.0);
    assertThat(LanguageDetector.resolve("und", "Spielt Guerreiro bei Bayern von Anfang an oder nicht?", true).language()).isEqualTo("de");
    assertThat(language("Za co lubicie Harry'ego? Bo ja bardzo.")).isEqualTo("pl");
    assertThat(language("電話であれ、テキストであれ、伝達能力はしっかり鍛えてほしい。")).isEqualTo("ja");
  }

  @Test
  void linksMentionsAndTagsAreNotWords() {
    assertThat(LanguageDetector.detect("@someone #tag https://example.org/a-very-long-english-path-name ok")).isNull();
    assertThat(language("Das ist wirklich ein sehr schöner Tag heute https://example.org/the-english-words")).isEqualTo("de");
  }

  @Test
  void tooShortToGuess() {
    assertThat(LanguageDetector.detect("Nice")).isNull();
    assertThat(LanguageDetector.detect("👍👍👍 !!! 123")).isNull();
  }

  @Test
  void idsAndTextsTooShortToTellAreNotGuessed() {
    assertThat(LanguageDetector.detect("3f9a2c7b1e4d8a6f0b2c")).as("hex id (Lingua alone says Welsh)").isNull();
    assertThat(LanguageDetector.detect("a1b2c3d4e5f6a7b8c9d0e1f2")).as("id with digits").isNull();
    assertThat(LanguageDetector.detect("deadbeefcafebabe")).as("one Latin token").isNull();
    assertThat(LanguageDetector.detect("hahahahahahaha")).isNull();
    assertThat(LanguageDetector.detect("Nice pic")).as("two words, near tie (Lingua alone says Irish)").isNull();
    assertThat(LanguageDetector.resolve(null, "order 7f3a9c21e0b4 shipped 2026-11-20", true))
        .as("what is left after the ids is too little").isEqualTo(new LanguageDetector.Resolved(null, null));
  }

  private static String language(String text) {
    LanguageDetector.Detected detected = LanguageDetector.detect(text);
    return detected == null ? null : detected.language();
  }
}

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
    assertThat(LanguageDetector.resolve("fr", "This is plainly an English sentence about the weather.", true)).isEqualTo("fr");
    assertThat(LanguageDetector.resolve(null, "This is plainly an English sentence about the weather.", false)).isNull();
  }

  @Test
  void undeclaredLanguagesAreDetectedFromTheText() {
    assertThat(LanguageDetector.resolve(null, "Absolutely stunning. Really love this, perfect finish as well.", true)).isEqualTo("en");
    assertThat(LanguageDetector.resolve("und", "Spielt Guerreiro bei Bayern von Anfang an oder nicht?", true)).isEqualTo("de");
    assertThat(LanguageDetector.detect("Za co lubicie Harry'ego? Bo ja bardzo.")).isEqualTo("pl");
    assertThat(LanguageDetector.detect("電話であれ、テキストであれ、伝達能力はしっかり鍛えてほしい。")).isEqualTo("ja");
  }

  @Test
  void linksMentionsAndTagsAreNotWords() {
    assertThat(LanguageDetector.detect("@someone #tag https://example.org/a-very-long-english-path-name ok")).isNull();
    assertThat(LanguageDetector.detect("Das ist wirklich ein sehr schöner Tag heute https://example.org/the-english-words")).isEqualTo("de");
  }

  @Test
  void tooShortToGuess() {
    assertThat(LanguageDetector.detect("Nice")).isNull();
    assertThat(LanguageDetector.detect("👍👍👍 !!! 123")).isNull();
  }
}

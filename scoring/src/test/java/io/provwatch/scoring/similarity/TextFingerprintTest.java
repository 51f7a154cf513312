package io.provwatch.scoring.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextFingerprintTest {
  @Test
  void copiersEditsDoNotChangeTheFingerprint() {
    String original = "City council approves the new tram line through the harbour";
    assertThat(TextFingerprint.of("CITY council approves the new tram-line through the harbour!!! https://t.co/abc @bob"))
        .isEqualTo(TextFingerprint.of(original)).isPresent();
    assertThat(TextFingerprint.of("City council approves the #new tram line through the harbour")).isEqualTo(TextFingerprint.of(original));
    assertThat(TextFingerprint.of("City council rejects the new tram line through the harbour")).isNotEqualTo(TextFingerprint.of(original));
  }

  @Test
  void fullWidthAndComposedCharactersNormalise() {
    assertThat(TextFingerprint.of("Ｃａｆé opens at eight every single morning now"))
        .isEqualTo(TextFingerprint.of("Cafe\u0301 opens at eight every single morning now"));
  }

  @Test
  void shortTextsHaveNoFingerprint() {
    assertThat(TextFingerprint.of("good morning everyone")).isEmpty();
    assertThat(TextFingerprint.of("https://example.org/a https://example.org/b")).isEmpty();
    assertThat(TextFingerprint.of(null)).isEmpty();
  }
}

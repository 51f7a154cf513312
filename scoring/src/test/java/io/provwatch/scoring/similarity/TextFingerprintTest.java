package io.provwatch.scoring.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.platform.testing.RandomTexts;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TextFingerprintTest {
  /** The normalisation as three patterns, before the hand-written pass and the prefilters: what fingerprints were made with. */
  private static String reference(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    s = Pattern.compile("https?://\\S+|www\\.\\S+").matcher(s).replaceAll(" ");
    s = Pattern.compile("(?<![\\p{L}\\p{N}])@[\\p{L}\\p{N}_.@-]+").matcher(s).replaceAll(" ");
    return Pattern.compile("[^\\p{L}\\p{N}#]+").matcher(s).replaceAll(" ").trim().replace("#", "");
  }

  private static final String[] PIECES = {"a", "Z", "é", "e\u0301", "Ｃ", "1", "٣", "²", "Ⅻ", "\uD835\uDFD8", "\uD835\uDC00", " ", "\t",
      "\u00A0", "\u2003", "中", "#", "@", ".", "_", "-", "!", ",", "http://", "HTTPS://x", "www.", "WWW.", "\uD800", "\uD83D\uDE00", "ﬁ"};

  @Test
  void theHandWrittenPassGivesWhatThePatternsGave() {
    Random random = new Random(7);
    String previous = "";
    for (int n = 0; n < 50_000; n++) {
      String s = random.nextInt(10) == 0 ? previous : RandomTexts.of(random, PIECES, 20); // the same text twice in a row: the per-thread memo
      assertThat(TextFingerprint.normalise(s)).as("[%s]", s).isEqualTo(reference(s));
      assertThat(TextFingerprint.wordsSpaced(s)).as("[%s]", s).isEqualTo(TextFingerprint.NOT_WORD.matcher(s).replaceAll(" "));
      previous = s;
    }
  }
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

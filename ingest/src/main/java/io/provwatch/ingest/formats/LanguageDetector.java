package io.provwatch.ingest.formats;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The language of a post: the platform's declaration when it makes one, else a guess from the text.
 *
 * <p>Why Lingua (com.github.pemistahl:lingua) in low-accuracy mode: on short social-media texts it
 * was the only candidate from Maven Central that was both right and maintained. Measured here on
 * real Jetstream/Reddit/X texts: OpenNLP's langdetect-183 model took Polish for Italian and English
 * for Esperanto and ran at ~1.4k texts/s; Optimaize was accurate and fast but unmaintained since
 * 2016. Lingua (all 75 languages, trigram models only) loads in ~1.6 s, holds ~70 MB and detects
 * ~2.5k short texts/s per core, so it is loaded lazily, on the first post that declares no
 * language, and only then; texts with fewer than {@value #MIN_LETTERS} letters are not guessed.
 */
public final class LanguageDetector {
  static final int MIN_LETTERS = 10;
  /** Codes platforms use for "no language" (X: undetermined, media only, hashtags only, ...). */
  private static final Set<String> UNDETERMINED = Set.of("und", "zxx", "mul", "mis", "qme", "qam", "qct", "qht", "qst", "art");

  /** Links, @mentions and #tags say nothing of the language around them. */
  private static final Pattern NOT_WORDS = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+|[@#][\\p{L}\\p{N}_.@-]+");

  private LanguageDetector() {}

  /** The lazily built detector: the JVM initialises this holder on first use only. */
  private static final class Lingua {
    static final com.github.pemistahl.lingua.api.LanguageDetector DETECTOR =
        LanguageDetectorBuilder.fromAllLanguages().withLowAccuracyMode().build();
  }

  /**
   * The platform's language tag as a BCP-47 tag ("en", "pt-BR"), or null when it declares none
   * or an undetermined one.
   */
  public static String declared(String tag) {
    if (tag == null || tag.isBlank()) {
      return null;
    }
    try {
      Locale locale = new Locale.Builder().setLanguageTag(tag.strip().replace('_', '-')).build();
      String normalised = locale.toLanguageTag();
      return UNDETERMINED.contains(locale.getLanguage()) || normalised.equals("und") ? null : normalised;
    } catch (IllformedLocaleException e) {
      return null;
    }
  }

  /** The declared language if valid, else the detected one, else null. */
  public static String resolve(String declaredTag, String text, boolean detect) {
    String declared = declared(declaredTag);
    if (declared != null || !detect) {
      return declared;
    }
    return detect(text);
  }

  /** ISO 639-1 code of the text's language, or null when the text is too short or the guess unsure. */
  public static String detect(String text) {
    String words = text == null ? "" : NOT_WORDS.matcher(text).replaceAll(" ");
    if (letters(words) < MIN_LETTERS) {
      return null;
    }
    Language language = Lingua.DETECTOR.detectLanguageOf(words);
    return language == Language.UNKNOWN ? null : language.getIsoCode639_1().toString();
  }

  private static int letters(String text) {
    int n = 0;
    for (int i = 0; i < text.length() && n < MIN_LETTERS; i++) {
      if (Character.isLetter(text.charAt(i))) {
        n++;
      }
    }
    return n;
  }
}

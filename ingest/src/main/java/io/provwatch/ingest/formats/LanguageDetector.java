package io.provwatch.ingest.formats;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.IllformedLocaleException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
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
 * language, and only then.
 *
 * <p>Lingua names a language for any string, a hex id included (it took one for Maori), so a guess
 * is kept only when the text can tell: tokens with digits (ids, codes) are not words, at least
 * {@value #MIN_LETTERS} letters remain, Latin-script text has at least two words, and Lingua
 * prefers its language by a margin of {@value #MIN_CONFIDENCE} or more over the next one. That
 * margin is the confidence carried in {@code Post.languageConfidence}: on real posts it is 0.14 to
 * 0.30 for ordinary sentences and under 0.05 for ids, "lol ok" and two-word greetings.
 */
public final class LanguageDetector {
  static final int MIN_LETTERS = 10;
  static final double MIN_CONFIDENCE = 0.10;
  private static final int MIN_LATIN_WORDS = 2;
  /** Codes platforms use for "no language" (X: undetermined, media only, hashtags only, ...). */
  private static final Set<String> UNDETERMINED = Set.of("und", "zxx", "mul", "mis", "qme", "qam", "qct", "qht", "qst", "art");

  /** Links, @mentions and #tags say nothing of the language around them. */
  private static final Pattern NOT_WORDS = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+|[@#][\\p{L}\\p{N}_.@-]+");
  /** Tokens with a digit are ids, codes, prices or times, not words. */
  private static final Pattern WITH_DIGITS = Pattern.compile("\\S*\\p{N}\\S*");

  /** A language and how sure ingest is of it: {@code confidence} is null when the platform declared it. */
  public record Resolved(String language, Double confidence) {
    static final Resolved UNKNOWN = new Resolved(null, null);
  }

  /** A language detected from the text, with the detector's margin over the next most likely one (0..1). */
  public record Detected(String language, double confidence) {}

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

  /** The declared language if valid, else the detected one with its confidence, else neither. */
  public static Resolved resolve(String declaredTag, String text, boolean detect) {
    String declared = declared(declaredTag);
    if (declared != null) {
      return new Resolved(declared, null);
    }
    Detected detected = detect ? detect(text) : null;
    return detected == null ? Resolved.UNKNOWN : new Resolved(detected.language(), detected.confidence());
  }

  /** The text's language as an ISO 639-1 code, or null when the text is too short or the guess unsure. */
  public static Detected detect(String text) {
    String words = text == null ? "" : WITH_DIGITS.matcher(NOT_WORDS.matcher(text).replaceAll(" ")).replaceAll(" ");
    if (letters(words) < MIN_LETTERS || (mostlyLatin(words) && wordCount(words) < MIN_LATIN_WORDS)) {
      return null;
    }
    SortedMap<Language, Double> values = Lingua.DETECTOR.computeLanguageConfidenceValues(words);
    Iterator<Map.Entry<Language, Double>> ranked = values.entrySet().iterator();
    if (!ranked.hasNext()) {
      return null;
    }
    Map.Entry<Language, Double> best = ranked.next();
    // Lingua 1.2 gives each language's confidence relative to the best one (1.0)
    double runnerUp = ranked.hasNext() ? ranked.next().getValue() / best.getValue() : 0.0;
    double confidence = Math.round((1.0 - runnerUp) * 1000) / 1000.0;
    if (best.getKey() == Language.UNKNOWN || confidence < MIN_CONFIDENCE) {
      return null;
    }
    return new Detected(best.getKey().getIsoCode639_1().toString(), confidence);
  }

  private static boolean mostlyLatin(String text) {
    int latin = 0;
    int other = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isLetter(c)) {
        if (Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
          latin++;
        } else {
          other++;
        }
      }
    }
    return latin >= other;
  }

  private static int wordCount(String text) {
    int words = 0;
    for (String token : text.split("\\s+")) {
      if (token.codePoints().anyMatch(Character::isLetter)) {
        words++;
      }
    }
    return words;
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

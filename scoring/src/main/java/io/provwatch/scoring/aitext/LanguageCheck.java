package io.provwatch.scoring.aitext;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a text is in the language the AI-text model was trained on (English). The platform's
 * declared language wins when there is one; otherwise the script of the letters and the share of
 * English function words against those of six other Latin-script languages decide. Short texts with
 * too little evidence either way count as English: the minimum length check covers them.
 */
public final class LanguageCheck {
  private static final int MIN_LETTERS = 10;
  private static final int MIN_WORDS = 4;

  private LanguageCheck() {}

  /** Why the text cannot be judged, or empty when it is (or may be) English; {@code language} is declared or null. */
  public static Optional<String> unsupported(String language, TextFeatures f) {
    return unsupported(language, null, f);
  }

  /**
   * Why the text cannot be judged, or empty when it is (or may be) English.
   *
   * @param language the post's BCP-47 language tag, or null
   * @param detectedConfidence null when the language was declared; else ingest's confidence in its detection
   */
  public static Optional<String> unsupported(String language, Double detectedConfidence, TextFeatures f) {
    if (language != null && !language.isBlank()) {
      String tag = language.trim().toLowerCase(Locale.ROOT);
      if (!(tag.equals("en") || tag.startsWith("en-") || tag.startsWith("en_") || tag.equals("und"))) {
        String how = detectedConfidence == null ? "declared by the platform"
            : String.format(Locale.ROOT, "detected from the text, confidence %.2f", detectedConfidence);
        return Optional.of("language '" + language.trim() + "' (" + how + ") is not supported: "
            + "the AI-text model is trained on English only");
      }
    }
    if (f.letters() >= MIN_LETTERS && f.latinLetters() * 2 < f.letters()) {
      String script = f.otherScript() == null ? "a non-Latin" : capitalised(f.otherScript().name());
      return Optional.of("written mostly in " + script + " script: the AI-text model is trained on English only");
    }
    if (f.words() >= MIN_WORDS) {
      int best = -1;
      int bestHits = 0;
      for (int l = 0; l < WordClasses.OTHER_LANGUAGES.size(); l++) {
        if (f.otherLanguageWords(l) > bestHits) {
          best = l;
          bestHits = f.otherLanguageWords(l);
        }
      }
      if (bestHits >= 2 && bestHits > f.englishFunctionWords()) {
        return Optional.of("looks like " + WordClasses.OTHER_LANGUAGES.get(best)
            + " rather than English: the AI-text model is trained on English only");
      }
    }
    return Optional.empty();
  }

  private static String capitalised(String scriptName) {
    String lower = scriptName.toLowerCase(Locale.ROOT).replace('_', ' ');
    return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
  }
}

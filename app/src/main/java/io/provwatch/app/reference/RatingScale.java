package io.provwatch.app.reference;

import io.provwatch.avro.ClaimVerdict;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps fact-checkers' rating words onto {@link ClaimVerdict}: PolitiFact's Truth-O-Meter (pants-fire,
 * false, barely-true, half-true, mostly-true, true), Snopes (mixture, unproven, satire...), the Washington
 * Post's Pinocchios, and common words (misleading, fake, correct). Phrases are tried longest first, so
 * "mostly false" is not read as "false"; what no phrase names is UNRATED.
 */
public final class RatingScale {
  private static final List<Map.Entry<String, ClaimVerdict>> PHRASES = List.of(
      Map.entry("pants on fire", ClaimVerdict.FALSE),
      Map.entry("pants fire", ClaimVerdict.FALSE),
      Map.entry("four pinocchios", ClaimVerdict.FALSE),
      Map.entry("three pinocchios", ClaimVerdict.MOSTLY_FALSE),
      Map.entry("two pinocchios", ClaimVerdict.MIXED),
      Map.entry("one pinocchio", ClaimVerdict.MOSTLY_TRUE),
      Map.entry("geppetto checkmark", ClaimVerdict.TRUE),
      Map.entry("mostly false", ClaimVerdict.MOSTLY_FALSE),
      Map.entry("barely true", ClaimVerdict.MOSTLY_FALSE),
      Map.entry("partly false", ClaimVerdict.MOSTLY_FALSE),
      Map.entry("partially false", ClaimVerdict.MOSTLY_FALSE),
      Map.entry("missing context", ClaimVerdict.MOSTLY_FALSE),
      Map.entry("mostly true", ClaimVerdict.MOSTLY_TRUE),
      Map.entry("half true", ClaimVerdict.MIXED),
      Map.entry("partly true", ClaimVerdict.MIXED),
      Map.entry("partially true", ClaimVerdict.MIXED),
      Map.entry("not true", ClaimVerdict.FALSE),
      Map.entry("misleading", ClaimVerdict.MOSTLY_FALSE),
      Map.entry("exaggerat", ClaimVerdict.MOSTLY_FALSE),
      Map.entry("mixture", ClaimVerdict.MIXED),
      Map.entry("mixed", ClaimVerdict.MIXED),
      Map.entry("unproven", ClaimVerdict.UNRATED),
      Map.entry("unverified", ClaimVerdict.UNRATED),
      Map.entry("satire", ClaimVerdict.UNRATED),
      Map.entry("false", ClaimVerdict.FALSE),
      Map.entry("fake", ClaimVerdict.FALSE),
      Map.entry("hoax", ClaimVerdict.FALSE),
      Map.entry("fabricated", ClaimVerdict.FALSE),
      Map.entry("incorrect", ClaimVerdict.FALSE),
      Map.entry("wrong", ClaimVerdict.FALSE),
      Map.entry("true", ClaimVerdict.TRUE),
      Map.entry("correct", ClaimVerdict.TRUE),
      Map.entry("accurate", ClaimVerdict.TRUE));

  private RatingScale() {}

  /** The verdict a rating text names; UNRATED for null, blank or unknown text. */
  public static ClaimVerdict fromText(String rating) {
    if (rating == null) {
      return ClaimVerdict.UNRATED;
    }
    String words = " " + rating.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim() + " ";
    for (Map.Entry<String, ClaimVerdict> phrase : PHRASES) {
      if (words.contains(" " + phrase.getKey())) {
        return phrase.getValue();
      }
    }
    return ClaimVerdict.UNRATED;
  }

  /**
   * The verdict of a numeric rating on the publisher's scale from {@code worst} to {@code best}, in
   * five equal steps from FALSE to TRUE.
   */
  public static ClaimVerdict fromValue(double value, double worst, double best) {
    if (!(best > worst) || value < worst || value > best) {
      return ClaimVerdict.UNRATED;
    }
    double position = (value - worst) / (best - worst);
    ClaimVerdict[] steps = {ClaimVerdict.FALSE, ClaimVerdict.MOSTLY_FALSE, ClaimVerdict.MIXED, ClaimVerdict.MOSTLY_TRUE, ClaimVerdict.TRUE};
    return steps[(int) Math.min(4, Math.floor(position * 5))];
  }
}

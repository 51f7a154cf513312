package io.provwatch.ingest.formats;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Lingua (com.github.pemistahl:lingua) in low-accuracy mode (trigrams only) over the candidate
 * languages: the detector ingest used alone before {@link TrigramLanguageModel}, kept as the
 * accuracy reference and for deployments that prefer it (~1 ms a post with all 75 languages).
 */
final class LinguaLanguageModel implements TextLanguageModel {
  private final com.github.pemistahl.lingua.api.LanguageDetector detector;

  /** @param isoCodes ISO 639-1 codes of the candidates, empty for all of Lingua's 75 languages */
  LinguaLanguageModel(Collection<String> isoCodes) {
    LanguageDetectorBuilder builder = isoCodes.isEmpty() ? LanguageDetectorBuilder.fromAllLanguages()
        : LanguageDetectorBuilder.fromIsoCodes639_1(isoCodes.stream().map(LinguaLanguageModel::isoCode).toArray(IsoCode639_1[]::new));
    detector = builder.withLowAccuracyMode().build();
  }

  private static IsoCode639_1 isoCode(String code) {
    try {
      return IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Lingua knows no language '" + code + "'", e);
    }
  }

  @Override
  public LanguageDetector.Detected best(String words) {
    SortedMap<Language, Double> values = detector.computeLanguageConfidenceValues(words);
    Iterator<Map.Entry<Language, Double>> ranked = values.entrySet().iterator();
    if (!ranked.hasNext()) {
      return null;
    }
    Map.Entry<Language, Double> best = ranked.next();
    if (best.getKey() == Language.UNKNOWN) {
      return null;
    }
    // Lingua 1.2 gives each language's confidence relative to the best one (1.0)
    double runnerUp = ranked.hasNext() ? ranked.next().getValue() / best.getValue() : 0.0;
    return new LanguageDetector.Detected(best.getKey().getIsoCode639_1().toString(), 1.0 - runnerUp);
  }
}

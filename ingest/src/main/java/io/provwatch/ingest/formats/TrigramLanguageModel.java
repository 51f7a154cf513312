package io.provwatch.ingest.formats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.github.pemistahl.lingua.api.IsoCode639_1;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.Character.UnicodeScript;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A fast language guesser: the script decides where only one candidate uses it (Hangul, Greek, kana,
 * Hebrew, Thai...), otherwise a character-trigram naive Bayes model over the candidates of that script.
 *
 * <p>The trigram probabilities are Lingua's own low-accuracy models ({@code language-models/<code>/trigrams.json}
 * in the Lingua jar, P(third letter | first two) from Wikipedia-scale corpora), read once. What
 * differs from Lingua is how they are looked up: each trigram of the text is packed into a long and
 * found with one probe in a single open-addressing table holding, for every trigram, the languages
 * that know it and their log-probabilities, instead of one String and one map lookup per trigram and
 * per language. A trigram a language does not know costs it {@link #UNSEEN_LOG_PROBABILITY}. Languages
 * that Lingua decides by script alone (it has no trigram model for them) are decided the same way here.
 *
 * <p>The margin is Lingua's: {@code 1 - best / runnerUp} over the two highest log-likelihoods, so
 * {@code Post.languageConfidence} keeps its meaning and {@link LanguageDetector#MIN_CONFIDENCE} its use.
 */
final class TrigramLanguageModel implements TextLanguageModel {
  /** Log-probability of a trigram unknown to a language: below the rarest trigram Lingua's models keep (about 1e-5). */
  static final double UNSEEN_LOG_PROBABILITY = Math.log(1e-6);

  /** Languages with a script of their own among Lingua's: the script is the whole decision (as in Lingua). */
  private static final Map<UnicodeScript, String> SCRIPT_ONLY = new EnumMap<>(Map.ofEntries(
      Map.entry(UnicodeScript.GREEK, "el"), Map.entry(UnicodeScript.HEBREW, "he"), Map.entry(UnicodeScript.HANGUL, "ko"),
      Map.entry(UnicodeScript.HIRAGANA, "ja"), Map.entry(UnicodeScript.KATAKANA, "ja"), Map.entry(UnicodeScript.HAN, "zh"),
      Map.entry(UnicodeScript.GEORGIAN, "ka"), Map.entry(UnicodeScript.ARMENIAN, "hy"), Map.entry(UnicodeScript.BENGALI, "bn"),
      Map.entry(UnicodeScript.GUJARATI, "gu"), Map.entry(UnicodeScript.GURMUKHI, "pa"), Map.entry(UnicodeScript.TAMIL, "ta"),
      Map.entry(UnicodeScript.TELUGU, "te")));

  private final String[] languages;
  /** Per script, the indices of the candidate languages written in it. */
  private final Map<UnicodeScript, int[]> languagesByScript;
  private final Set<String> scriptOnlyCandidates;
  private final long[] tableKeys;
  private final int[] tableRows;
  private final int tableShift;
  /** Row r's entries are {@code rowStart[r]} (inclusive) to {@code rowStart[r + 1]}. */
  private final int[] rowStart;
  private final short[] entryLanguage;
  /** The entry's log-probability minus {@link #UNSEEN_LOG_PROBABILITY}: what knowing the trigram earns. */
  private final float[] entryGain;

  /**
   * Reads the trigram models of the candidates from Lingua's jar.
   *
   * @param isoCodes ISO 639-1 codes; each must be one of Lingua's 75 languages
   * @throws IllegalArgumentException naming a code Lingua has no model for
   */
  TrigramLanguageModel(Collection<String> isoCodes) {
    Set<String> codes = new LinkedHashSet<>(isoCodes);
    scriptOnlyCandidates = new LinkedHashSet<>(codes);
    scriptOnlyCandidates.retainAll(SCRIPT_ONLY.values());
    codes.removeAll(scriptOnlyCandidates);
    languages = codes.toArray(String[]::new);
    List<ModelFile> models = new ArrayList<>();
    Map<UnicodeScript, List<Integer>> byScript = new EnumMap<>(UnicodeScript.class);
    int entries = 0;
    for (int l = 0; l < languages.length; l++) {
      ModelFile model = ModelFile.read(languages[l]);
      models.add(model);
      entries += model.keys.length;
      byScript.computeIfAbsent(model.script, s -> new ArrayList<>()).add(l);
    }
    languagesByScript = new EnumMap<>(UnicodeScript.class);
    byScript.forEach((script, indices) -> languagesByScript.put(script, indices.stream().mapToInt(Integer::intValue).toArray()));

    int bits = Math.max(4, 64 - Long.numberOfLeadingZeros(Math.max(1, entries) * 2L - 1));
    tableShift = 64 - bits;
    tableKeys = new long[1 << bits];
    tableRows = new int[1 << bits];
    int[] rowOfEntry = new int[entries];
    int rows = 0;
    int e = 0;
    for (ModelFile model : models) {
      for (long key : model.keys) {
        int slot = slot(key);
        while (tableKeys[slot] != 0 && tableKeys[slot] != key) {
          slot = (slot + 1) & (tableKeys.length - 1);
        }
        if (tableKeys[slot] == 0) {
          tableKeys[slot] = key;
          tableRows[slot] = rows++;
        }
        rowOfEntry[e++] = tableRows[slot];
      }
    }
    rowStart = new int[rows + 1];
    for (int row : rowOfEntry) {
      rowStart[row + 1]++;
    }
    for (int r = 0; r < rows; r++) {
      rowStart[r + 1] += rowStart[r];
    }
    entryLanguage = new short[entries];
    entryGain = new float[entries];
    int[] filled = new int[rows];
    e = 0;
    for (int l = 0; l < languages.length; l++) {
      float[] logProbabilities = models.get(l).logProbabilities;
      for (float logProbability : logProbabilities) {
        int row = rowOfEntry[e++];
        int at = rowStart[row] + filled[row]++;
        entryLanguage[at] = (short) l;
        entryGain[at] = (float) (logProbability - UNSEEN_LOG_PROBABILITY);
      }
    }
  }

  /** One language's trigram model as read from Lingua's jar: packed trigrams, their log-probabilities, the script most are in. */
  private record ModelFile(long[] keys, float[] logProbabilities, UnicodeScript script) {
    /** The models' keys are fractions, nearly all distinct: interning them as field names would cost seconds. */
    private static final JsonFactory JSON = JsonFactory.builder()
        .disable(JsonFactory.Feature.INTERN_FIELD_NAMES).disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES).build();

    /** Reads {"language": ..., "ngrams": {"numerator/denominator": "abc abd ...", ...}}. */
    static ModelFile read(String code) {
      String resource = modelPath(code);
      LongList keys = new LongList();
      float[] logProbabilities = new float[1024];
      Map<UnicodeScript, Integer> scripts = new EnumMap<>(UnicodeScript.class);
      try (InputStream in = TrigramLanguageModel.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalArgumentException("no language model for '" + code + "' (not one of Lingua's languages)");
        }
        try (JsonParser parser = JSON.createParser(in)) {
          while (parser.nextToken() != null) {
            if (parser.currentToken() != JsonToken.VALUE_STRING || parser.getParsingContext().getParent().inRoot()) {
              continue; // only the values inside "ngrams"
            }
            float logProbability = (float) logOfFraction(parser.currentName());
            for (String trigram : parser.getText().split(" ")) {
              if (trigram.length() == 3) { // letters outside the BMP are not looked up
                if (keys.size == logProbabilities.length) {
                  logProbabilities = Arrays.copyOf(logProbabilities, logProbabilities.length * 2);
                }
                logProbabilities[keys.size] = logProbability;
                keys.add(pack(trigram));
                scripts.merge(UnicodeScript.of(trigram.charAt(1)), 1, Integer::sum);
              }
            }
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
      UnicodeScript script = scripts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      return new ModelFile(keys.toArray(), Arrays.copyOf(logProbabilities, keys.size), script);
    }
  }

  /** A growable array of longs, without boxing. */
  private static final class LongList {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  /** Whether {@code code} is one of Lingua's 75 languages: a trigram model in its jar, or a script of its own. */
  static boolean knows(String code) {
    return SCRIPT_ONLY.containsValue(code) || (code.matches("[a-z]{2}") && resource(code) != null);
  }

  /** Every language {@link #knows}, as ISO 639-1 codes. */
  static List<String> allLanguages() {
    return Arrays.stream(IsoCode639_1.values()).map(c -> c.name().toLowerCase(Locale.ROOT)).filter(TrigramLanguageModel::knows).toList();
  }

  private static java.net.URL resource(String code) {
    return TrigramLanguageModel.class.getClassLoader().getResource(modelPath(code));
  }

  private static String modelPath(String code) {
    return "language-models/" + code + "/trigrams.json";
  }

  private static double logOfFraction(String fraction) {
    int slash = fraction.indexOf('/');
    return Math.log(Double.parseDouble(fraction.substring(0, slash)) / Double.parseDouble(fraction.substring(slash + 1)));
  }

  private static long pack(CharSequence trigram) {
    return ((long) trigram.charAt(0) << 32) | ((long) trigram.charAt(1) << 16) | trigram.charAt(2);
  }

  private int slot(long key) {
    return (int) ((key * 0x9E3779B97F4A7C15L) >>> tableShift);
  }

  private int row(long key) {
    for (int slot = slot(key); tableKeys[slot] != 0; slot = (slot + 1) & (tableKeys.length - 1)) {
      if (tableKeys[slot] == key) {
        return tableRows[slot];
      }
    }
    return -1;
  }

  @Override
  public LanguageDetector.Detected best(String words) {
    UnicodeScript script = dominantScript(words);
    if (script == null) {
      return null;
    }
    String byScriptAlone = scriptOnlyLanguage(script, words);
    if (byScriptAlone != null) {
      return scriptOnlyCandidates.contains(byScriptAlone) ? new LanguageDetector.Detected(byScriptAlone, 1.0) : null;
    }
    int[] candidates = languagesByScript.get(script);
    if (candidates == null) {
      return null;
    }
    if (candidates.length == 1) {
      return new LanguageDetector.Detected(languages[candidates[0]], 1.0);
    }
    double[] gains = new double[languages.length];
    int trigrams = 0;
    long window = 0;
    int run = 0;
    for (int i = 0; i < words.length(); i++) {
      char c = Character.toLowerCase(words.charAt(i));
      if (!Character.isLetter(c)) {
        run = 0;
        continue;
      }
      window = ((window << 16) | c) & 0xFFFF_FFFF_FFFFL;
      if (++run >= 3) {
        trigrams++;
        int row = row(window);
        if (row >= 0) {
          for (int e = rowStart[row]; e < rowStart[row + 1]; e++) {
            gains[entryLanguage[e]] += entryGain[e];
          }
        }
      }
    }
    if (trigrams == 0) {
      return null;
    }
    int best = -1;
    double bestLikelihood = Double.NEGATIVE_INFINITY;
    double runnerUpLikelihood = Double.NEGATIVE_INFINITY;
    for (int l : candidates) {
      double likelihood = trigrams * UNSEEN_LOG_PROBABILITY + gains[l];
      if (likelihood > bestLikelihood) {
        runnerUpLikelihood = bestLikelihood;
        bestLikelihood = likelihood;
        best = l;
      } else if (likelihood > runnerUpLikelihood) {
        runnerUpLikelihood = likelihood;
      }
    }
    double margin = runnerUpLikelihood == 0.0 ? 0.0 : 1.0 - bestLikelihood / runnerUpLikelihood;
    return new LanguageDetector.Detected(languages[best], margin);
  }

  /** The language the script alone names, or null when the script is shared (Latin, Cyrillic, Arabic...). */
  private static String scriptOnlyLanguage(UnicodeScript script, String words) {
    if (script == UnicodeScript.HAN && hasKana(words)) {
      return "ja"; // Japanese writes kanji among kana; Chinese has no kana
    }
    return SCRIPT_ONLY.get(script);
  }

  private static boolean hasKana(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '\u3040' && c <= '\u30FF') {
        return true;
      }
    }
    return false;
  }

  /** The script most letters are in, or null without letters; Latin up to U+024F without a table look-up. */
  static UnicodeScript dominantScript(String text) {
    int latin = 0;
    Map<UnicodeScript, Integer> others = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isLetter(c)) {
        continue;
      }
      if (c <= '\u024F') {
        latin++;
      } else {
        if (others == null) {
          others = new EnumMap<>(UnicodeScript.class);
        }
        others.merge(UnicodeScript.of(c), 1, Integer::sum);
      }
    }
    UnicodeScript dominant = latin > 0 ? UnicodeScript.LATIN : null;
    int most = latin;
    if (others != null) {
      for (Map.Entry<UnicodeScript, Integer> e : others.entrySet()) {
        if (e.getValue() > most) {
          dominant = e.getKey();
          most = e.getValue();
        }
      }
    }
    return dominant;
  }
}

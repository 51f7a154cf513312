package io.provwatch.scoring.claims;

import io.provwatch.scoring.similarity.WordShingles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * A text as the claim matcher compares it: its word stems with their counts (Lucene's
 * {@link EnglishAnalyzer}: standard tokens, lower case, English stop words out, Porter stems), the
 * numbers it states, the stems of its capitalised words (a cheap stand-in for named entities) and its word-pair
 * shingles. Immutable, but for the idfs it remembers ({@link #idfs}).
 */
public final class Analysed {
  /** The analyser of every text, indexed or searched: one definition, so index and query agree. */
  public static final Analyzer ANALYZER = new EnglishAnalyzer();

  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
  /**
   * Words with which a post says a claim is wrong or only reports it ("no plans to close", "this is not true",
   * "posts claiming ..."): the analyser drops most of them as stop words, so they are found in the text itself.
   */
  private static final Pattern REFUTATION = Pattern.compile(
      "(?iu)(?<![\\p{L}\\p{N}_'’@-])(no|not|nor|never|isn[’']t|aren[’']t|wasn[’']t|weren[’']t|false|fake|untrue|hoax(?:es)?|myths?|debunk\\w*"
          + "|misleading|rumou?rs?|claim(?:s|ed|ing)?|fact[- ]?check\\w*)(?![\\p{L}\\p{N}_'’-])");

  private final String[] terms;
  private final int[] counts;
  private final int length;
  private final Set<String> numbers;
  private final Set<String> names;
  private final long[] shingles;
  /**
   * The idf of each of {@link #terms()} in the statistics last asked for, computed once: a claim is compared with
   * every post it is a candidate for, and a post with its 50 candidates, each asking the same idfs again.
   * Volatile, filled before it is published: tasks on several threads may share a claim.
   */
  private volatile Idfs idfs;

  private record Idfs(ReferenceStatistics stats, double[] values) {}

  private Analysed(String[] terms, int[] counts, int length, Set<String> numbers, Set<String> names, long[] shingles) {
    this.terms = terms;
    this.counts = counts;
    this.length = length;
    this.numbers = numbers;
    this.names = names;
    this.shingles = shingles;
  }

  /** Analyses {@code text} (already normalised, see {@link PostText}); null reads as empty. */
  public static Analysed of(String text) {
    String s = text == null ? "" : text;
    Map<String, Integer> tf = new HashMap<>();
    int length = 0;
    Set<String> names = new TreeSet<>();
    try (TokenStream tokens = ANALYZER.tokenStream("all", s)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = tokens.addAttribute(OffsetAttribute.class);
      tokens.reset();
      while (tokens.incrementToken()) {
        String stem = term.toString();
        tf.merge(stem, 1, Integer::sum);
        length++;
        if (stem.length() > 1 && Character.isUpperCase(s.charAt(offset.startOffset()))) {
          names.add(stem);
        }
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException("analysing a string cannot fail", e);
    }
    String[] terms = tf.keySet().toArray(new String[0]);
    Arrays.sort(terms);
    int[] counts = new int[terms.length];
    for (int i = 0; i < terms.length; i++) {
      counts[i] = tf.get(terms[i]);
    }
    Set<String> numbers = new TreeSet<>();
    Matcher n = NUMBER.matcher(s);
    while (n.find()) {
      numbers.add(n.group().replace(",", ""));
    }
    return new Analysed(terms, counts, length, Set.copyOf(numbers), Set.copyOf(names), WordShingles.telling(s));
  }

  /** The distinct stems, sorted. */
  public String[] terms() {
    return terms;
  }

  /** How often each of {@link #terms()} occurs. */
  public int[] counts() {
    return counts;
  }

  /** Tokens after stop words are removed. */
  public int length() {
    return length;
  }

  public Set<String> numbers() {
    return numbers;
  }

  public Set<String> names() {
    return names;
  }

  public long[] shingles() {
    return shingles;
  }

  /**
   * The refutation words of a text, lower case ({@code no}, {@code not}, {@code false}, {@code claims}, ...): of a post's
   * own words, never of its author's name (a handle {@code @eval-claim-3} refutes nothing).
   */
  public static Set<String> refutations(String text) {
    Set<String> refutations = new TreeSet<>();
    Matcher r = REFUTATION.matcher(text == null ? "" : text);
    while (r.find()) {
      refutations.add(r.group(1).toLowerCase(Locale.ROOT).replace('’', '\''));
    }
    return Set.copyOf(refutations);
  }

  /** The idf in {@code stats} of each of {@link #terms()}, in order; {@link ReferenceStatistics#idf} computed once per text. */
  public double[] idfs(ReferenceStatistics stats) {
    Idfs known = idfs;
    if (known == null || known.stats() != stats) {
      double[] values = new double[terms.length];
      for (int i = 0; i < terms.length; i++) {
        values[i] = stats.idf(terms[i]);
      }
      known = new Idfs(stats, values);
      idfs = known;
    }
    return known.values();
  }

  /** Index of {@code term} in {@link #terms()}, negative when absent. */
  public int indexOf(String term) {
    return Arrays.binarySearch(terms, term);
  }
}

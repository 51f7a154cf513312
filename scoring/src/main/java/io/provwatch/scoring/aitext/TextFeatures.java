package io.provwatch.scoring.aitext;

import io.provwatch.scoring.similarity.StableHash;
import java.util.Arrays;

/**
 * The features of one text, computed in one pass over its characters into buffers that are reused
 * from text to text (one instance per thread; not thread-safe):
 *
 * <ul>
 *   <li>hashed character 3-, 4- and 5-grams of the normalised text (lower case, digits as 0, white
 *       space collapsed, links and @-mentions left out: whether a post links or mentions says more
 *       about the platform and the training sets than about who wrote it);
 *   <li>hashed word unigrams and bigrams (a bigram may start at a sentence start);
 *   <li>the {@link Stylometry} rates: sentence length, vocabulary, function words, punctuation, case,
 *       repetition and an LZ77 compression ratio.
 * </ul>
 *
 * <p>Each n-gram occurrence is one bucket in a space of {@code 1 << hashBits}; all character
 * n-grams of a text carry the value {@link #charValue()} and all word n-grams {@link #wordValue()}
 * (1/√count, so that a text's n-gram vector has about unit length whatever its length). Only the
 * first {@link #MAX_CHARS} characters are read: the cost per text is bounded.
 */
public final class TextFeatures {
  /** Bumped whenever what is computed changes; a model records the version it was trained with. */
  public static final int FEATURE_SET_VERSION = 1;
  public static final int MAX_CHARS = 2000;

  private static final long SALT_CHAR = 0x5bd1e9955bd1e995L;
  private static final long SALT_UNIGRAM = 0x27d4eb2f165667c5L;
  private static final long SALT_BIGRAM = 0x94d049bb133111ebL;
  private static final long SENTENCE_START = 0x2545f4914f6cdd1dL;
  private static final int TTR_WORDS = 100;
  private static final int REPEAT_BIGRAMS = 200;
  private static final int DENSE = Stylometry.values().length;

  private final int hashBits;
  private final char[] norm = new char[MAX_CHARS + 2];
  private int normLength;
  private final int[] charBuckets = new int[3 * (MAX_CHARS + 2)];
  private int charCount;
  private final int[] wordBuckets = new int[2 * MAX_CHARS];
  private final int[] wordStart = new int[2 * MAX_CHARS];
  private final int[] wordEnd = new int[2 * MAX_CHARS];
  private int wordGramCount;
  private final double[] dense = new double[DENSE];
  private final LongSet types = new LongSet(256);
  private final LongSet bigrams = new LongSet(512);
  private final Lz77 lz77 = new Lz77();

  // counters of the pass
  private int textChars;
  private int letters;
  private int latinLetters;
  private Character.UnicodeScript otherScript;
  private int words;
  private int wordChars;
  private int longWords;
  private int functionWords;
  private int articles;
  private int firstPerson;
  private int secondPerson;
  private int connectives;
  private int negations;
  private int hedges;
  private int contractions;
  private int englishHits;
  private final int[] otherLanguageHits = new int[WordClasses.OTHER_LANGUAGES.size()];
  private int commas;
  private int periods;
  private int exclamations;
  private int questions;
  private int quotes;
  private int parentheses;
  private int colons;
  private int dashes;
  private int ellipses;
  private int symbols;
  private int uppercase;
  private int allCapsWords;
  private int sentenceStarts;
  private int lowercaseStarts;
  private int digits;
  private int nonAscii;
  private int hashtags;
  private int bigramCount;
  private int repeatedBigrams;
  private int sentences;
  private int sentenceWords;
  private double sentenceSum;
  private double sentenceSumSquares;
  private int typeCount;
  // the word being read
  private long wordHash;
  private int currentWordStart;
  private int currentWordLength;
  private int currentWordUpper;
  private int currentWordLetters;
  private boolean currentWordApostrophe;
  private char currentWordFirst;
  private long previousHash;
  private int previousStart;

  public TextFeatures(int hashBits) {
    if (hashBits < 8 || hashBits > 26) {
      throw new IllegalArgumentException("hashBits must be within 8..26, got " + hashBits);
    }
    this.hashBits = hashBits;
  }

  public int hashBits() {
    return hashBits;
  }

  /** Computes the features of {@code text}; they stay readable until the next call. */
  public TextFeatures extract(String text) {
    reset();
    int n = Math.min(text.length(), MAX_CHARS);
    norm[normLength++] = ' ';
    boolean tokenStart = true;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        endWord();
        if ((c == '\n' || c == '\r') && sentenceWords > 0) {
          endSentence();
        }
        if (norm[normLength - 1] != ' ') {
          norm[normLength++] = ' ';
        }
        tokenStart = true;
        i++;
        continue;
      }
      if (tokenStart && isLinkAt(text, i, n)) {
        while (i < n && !Character.isWhitespace(text.charAt(i))) {
          i++;
        }
        continue;
      }
      if (tokenStart && c == '@' && i + 1 < n && isWordChar(text.charAt(i + 1))) {
        i++;
        while (i < n && (isWordChar(text.charAt(i)) || text.charAt(i) == '.' && i + 1 < n && isWordChar(text.charAt(i + 1)))) {
          i++;
        }
        continue;
      }
      tokenStart = false;
      textChars++;
      if (c > 127) {
        nonAscii++;
      }
      if (Character.isLetter(c)) {
        letters++;
        if (c < 128 || Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN) {
          latinLetters++;
        } else if (otherScript == null && !Character.isSurrogate(c)) {
          otherScript = Character.UnicodeScript.of(c);
        }
        char lower = Character.toLowerCase(c);
        addWordChar(lower, c);
        currentWordLetters++;
        if (Character.isUpperCase(c)) {
          uppercase++;
          currentWordUpper++;
        }
        norm[normLength++] = lower;
      } else if (Character.isDigit(c)) {
        digits++;
        addWordChar('0', c);
        norm[normLength++] = '0';
      } else if ((c == '.' || c == ',') && currentWordLength > 0 && Character.isDigit(text.charAt(i - 1)) && i + 1 < n
          && Character.isDigit(text.charAt(i + 1))) {
        addWordChar(c, c); // 3.50 and 1,000 are one word, and no sentence ends in them
        norm[normLength++] = c;
      } else if ((c == '\'' || c == '\u2019') && currentWordLength > 0 && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
        addWordChar('\'', c);
        currentWordApostrophe = true;
        norm[normLength++] = '\'';
      } else {
        endWord();
        punctuation(text, i, n, c);
        norm[normLength++] = Character.toLowerCase(c);
      }
      i++;
    }
    endWord();
    if (sentenceWords > 0) {
      endSentence();
    }
    if (norm[normLength - 1] != ' ') {
      norm[normLength++] = ' ';
    }
    charNgrams();
    computeDense();
    return this;
  }

  private void reset() {
    normLength = 0;
    charCount = 0;
    wordGramCount = 0;
    types.clear();
    bigrams.clear();
    textChars = letters = latinLetters = words = wordChars = longWords = 0;
    otherScript = null;
    functionWords = articles = firstPerson = secondPerson = connectives = negations = hedges = contractions = 0;
    englishHits = 0;
    Arrays.fill(otherLanguageHits, 0);
    commas = periods = exclamations = questions = quotes = parentheses = colons = dashes = ellipses = symbols = 0;
    uppercase = allCapsWords = sentenceStarts = lowercaseStarts = digits = nonAscii = hashtags = 0;
    bigramCount = repeatedBigrams = sentences = sentenceWords = typeCount = 0;
    sentenceSum = sentenceSumSquares = 0;
    currentWordLength = 0;
    previousHash = SENTENCE_START;
    previousStart = -1;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  private static boolean isLinkAt(String text, int i, int n) {
    return text.startsWith("http://", i) || text.startsWith("https://", i) || text.startsWith("www.", i);
  }

  private void addWordChar(char normalised, char original) {
    if (currentWordLength == 0) {
      wordHash = StableHash.WORD_SEED;
      currentWordStart = normLength;
      currentWordUpper = 0;
      currentWordLetters = 0;
      currentWordApostrophe = false;
      currentWordFirst = original;
    }
    wordHash = StableHash.addChar(wordHash, normalised);
    currentWordLength++;
  }

  private void endWord() {
    if (currentWordLength == 0) {
      return;
    }
    int length = currentWordLength;
    currentWordLength = 0;
    words++;
    wordChars += length;
    if (length >= 7) {
      longWords++;
    }
    if (currentWordLetters >= 2 && currentWordUpper == currentWordLetters) {
      allCapsWords++;
    }
    if (currentWordApostrophe) {
      contractions++;
    }
    if (sentenceWords == 0) {
      sentenceStarts++;
      if (Character.isLowerCase(currentWordFirst)) {
        lowercaseStarts++;
      }
    }
    sentenceWords++;
    int flags = WordClasses.flags(wordHash);
    if (flags != 0) {
      wordClasses(flags);
    }
    if (words <= TTR_WORDS && types.add(wordHash)) {
      typeCount++;
    }
    int end = normLength;
    addWordGram(StableHash.bucket(wordHash, SALT_UNIGRAM, hashBits), currentWordStart, end);
    long bigram = StableHash.mix64(previousHash) ^ wordHash;
    addWordGram(StableHash.bucket(bigram, SALT_BIGRAM, hashBits), previousStart < 0 ? currentWordStart : previousStart, end);
    if (previousStart >= 0 && bigramCount < REPEAT_BIGRAMS) {
      bigramCount++;
      if (!bigrams.add(bigram)) {
        repeatedBigrams++;
      }
    }
    previousHash = wordHash;
    previousStart = currentWordStart;
  }

  private void wordClasses(int flags) {
    if ((flags & WordClasses.FUNCTION) != 0) {
      functionWords++;
      englishHits++;
    }
    if ((flags & WordClasses.ARTICLE) != 0) {
      articles++;
    }
    if ((flags & WordClasses.FIRST_PERSON) != 0) {
      firstPerson++;
    }
    if ((flags & WordClasses.SECOND_PERSON) != 0) {
      secondPerson++;
    }
    if ((flags & WordClasses.CONNECTIVE) != 0) {
      connectives++;
    }
    if ((flags & WordClasses.NEGATION) != 0) {
      negations++;
    }
    if ((flags & WordClasses.HEDGE) != 0) {
      hedges++;
    }
    for (int l = 0; l < otherLanguageHits.length; l++) {
      if ((flags & (1 << (WordClasses.FIRST_LANGUAGE_BIT + l))) != 0) {
        otherLanguageHits[l]++;
      }
    }
  }

  private void addWordGram(int bucket, int start, int end) {
    wordBuckets[wordGramCount] = bucket;
    wordStart[wordGramCount] = start;
    wordEnd[wordGramCount] = end;
    wordGramCount++;
  }

  private void punctuation(String text, int i, int n, char c) {
    switch (c) {
      case ',' -> commas++;
      case '.' -> {
        if (i + 2 < n && text.charAt(i + 1) == '.' && text.charAt(i + 2) == '.' && (i == 0 || text.charAt(i - 1) != '.')) {
          ellipses++;
        } else if (i + 1 >= n || text.charAt(i + 1) != '.') {
          periods++;
        }
        maybeEndSentence(text, i, n);
      }
      case '\u2026' -> {
        ellipses++;
        maybeEndSentence(text, i, n);
      }
      case '!' -> {
        exclamations++;
        maybeEndSentence(text, i, n);
      }
      case '?' -> {
        questions++;
        maybeEndSentence(text, i, n);
      }
      case '"', '\u201c', '\u201d', '\u2018', '\u2019', '\'', '\u00ab', '\u00bb' -> quotes++;
      case '(', ')', '[', ']', '{', '}' -> parentheses++;
      case ':', ';' -> colons++;
      case '-', '\u2013', '\u2014' -> dashes++;
      case '#' -> {
        if (i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1))) {
          hashtags++;
        }
      }
      default -> {
        int type = Character.getType(c);
        if (type == Character.OTHER_SYMBOL || type == Character.MATH_SYMBOL || type == Character.CURRENCY_SYMBOL
            || type == Character.SURROGATE && Character.isHighSurrogate(c)) {
          symbols++;
        }
      }
    }
  }

  /** A sentence ends at . ! ? or … followed by white space, a closing quote or bracket, or the end. */
  private void maybeEndSentence(String text, int i, int n) {
    if (sentenceWords == 0) {
      return;
    }
    if (i + 1 >= n) {
      endSentence();
      return;
    }
    char next = text.charAt(i + 1);
    if (Character.isWhitespace(next) || next == '"' || next == '\u201d' || next == ')') {
      endSentence();
    }
  }

  private void endSentence() {
    sentences++;
    sentenceSum += sentenceWords;
    sentenceSumSquares += (double) sentenceWords * sentenceWords;
    sentenceWords = 0;
    previousHash = SENTENCE_START;
    previousStart = -1;
  }

  private void charNgrams() {
    for (int i = 0; i + 3 <= normLength; i++) {
      long h = StableHash.WORD_SEED;
      for (int k = 0; k < 5 && i + k < normLength; k++) {
        h = StableHash.addChar(h, norm[i + k]);
        if (k >= 2) {
          charBuckets[charCount++] = StableHash.bucket(h, SALT_CHAR + k, hashBits);
        }
      }
    }
  }

  private void computeDense() {
    double w = Math.max(1, words);
    double chars = Math.max(1, textChars);
    double mean = sentences == 0 ? Double.NaN : sentenceSum / sentences;
    set(Stylometry.SENTENCE_LENGTH_MEAN, mean);
    double cv = Double.NaN;
    if (sentences >= 2 && mean > 0) {
      double variance = Math.max(0, sentenceSumSquares / sentences - mean * mean);
      cv = Math.sqrt(variance) / mean;
    }
    set(Stylometry.SENTENCE_LENGTH_CV, cv);
    set(Stylometry.TYPE_TOKEN_RATIO, words < 5 ? Double.NaN : (double) typeCount / Math.min(words, TTR_WORDS));
    set(Stylometry.WORD_LENGTH_MEAN, words == 0 ? Double.NaN : wordChars / w);
    set(Stylometry.LONG_WORD_RATE, longWords / w);
    set(Stylometry.FUNCTION_WORD_RATE, functionWords / w);
    set(Stylometry.ARTICLE_RATE, articles / w);
    set(Stylometry.FIRST_PERSON_RATE, firstPerson / w);
    set(Stylometry.SECOND_PERSON_RATE, secondPerson / w);
    set(Stylometry.CONNECTIVE_RATE, connectives / w);
    set(Stylometry.NEGATION_RATE, negations / w);
    set(Stylometry.HEDGE_RATE, hedges / w);
    set(Stylometry.CONTRACTION_RATE, contractions / w);
    set(Stylometry.COMMA_RATE, commas / w);
    set(Stylometry.PERIOD_RATE, periods / w);
    set(Stylometry.EXCLAMATION_RATE, exclamations / w);
    set(Stylometry.QUESTION_RATE, questions / w);
    set(Stylometry.QUOTE_RATE, quotes / w);
    set(Stylometry.PARENTHESIS_RATE, parentheses / w);
    set(Stylometry.COLON_RATE, colons / w);
    set(Stylometry.DASH_RATE, dashes / w);
    set(Stylometry.ELLIPSIS_RATE, ellipses / w);
    set(Stylometry.SYMBOL_RATE, symbols / w);
    set(Stylometry.UPPERCASE_RATE, letters == 0 ? Double.NaN : (double) uppercase / letters);
    set(Stylometry.ALL_CAPS_WORD_RATE, allCapsWords / w);
    set(Stylometry.LOWERCASE_SENTENCE_START_RATE, sentenceStarts == 0 ? Double.NaN : (double) lowercaseStarts / sentenceStarts);
    set(Stylometry.DIGIT_RATE, digits / chars);
    set(Stylometry.NON_ASCII_RATE, nonAscii / chars);
    set(Stylometry.HASHTAG_RATE, hashtags / w);
    set(Stylometry.REPEATED_BIGRAM_RATE, bigramCount == 0 ? Double.NaN : (double) repeatedBigrams / bigramCount);
    set(Stylometry.COMPRESSION_RATIO, normLength < 20 ? Double.NaN : lz77.ratio(norm, normLength));
  }

  private void set(Stylometry feature, double value) {
    dense[feature.ordinal()] = value;
  }

  /** Characters of text outside white space, links and mentions: what "too short" is measured in. */
  public int textChars() {
    return textChars;
  }

  public int words() {
    return words;
  }

  public int letters() {
    return letters;
  }

  public int latinLetters() {
    return latinLetters;
  }

  /** The script of the first letter outside Latin script, or null when all letters are Latin. */
  public Character.UnicodeScript otherScript() {
    return otherScript;
  }

  /** Words that are English function words. */
  public int englishFunctionWords() {
    return englishHits;
  }

  /** Frequent function words of {@code WordClasses.OTHER_LANGUAGES.get(language)}. */
  int otherLanguageWords(int language) {
    return otherLanguageHits[language];
  }

  /** The stylometric values in {@link Stylometry} order; NaN where a text has none (e.g. no sentence). */
  public double[] dense() {
    return dense;
  }

  public int charCount() {
    return charCount;
  }

  /** The character n-gram buckets, {@link #charCount()} of them (the array is reused: read it before the next extract). */
  public int[] charBuckets() {
    return charBuckets;
  }

  public int charBucket(int i) {
    return charBuckets[i];
  }

  public int wordGramCount() {
    return wordGramCount;
  }

  public int wordBucket(int i) {
    return wordBuckets[i];
  }

  /** The normalised text of word n-gram {@code i}, for explanations. */
  public String wordGramText(int i) {
    return new String(norm, wordStart[i], wordEnd[i] - wordStart[i]).trim();
  }

  /** Value of every character n-gram occurrence: 1/√(number of character n-grams). */
  public double charValue() {
    return charCount == 0 ? 0 : 1.0 / Math.sqrt(charCount);
  }

  /** Value of every word n-gram occurrence: 1/√(number of word n-grams). */
  public double wordValue() {
    return wordGramCount == 0 ? 0 : 1.0 / Math.sqrt(wordGramCount);
  }

  /** The normalised text the character n-grams are taken from (for tests and explanations). */
  String normalised() {
    return new String(norm, 0, normLength);
  }

  /** A set of non-zero longs with O(1) clear, sized for a bounded number of adds. */
  private static final class LongSet {
    private final long[] keys;
    private final int[] stamp;
    private int generation = 1;

    LongSet(int capacity) {
      keys = new long[capacity * 2];
      stamp = new int[capacity * 2];
    }

    void clear() {
      generation++;
    }

    /** True when the key was not in the set. */
    boolean add(long key) {
      int mask = keys.length - 1;
      int slot = (int) StableHash.mix64(key) & mask;
      while (stamp[slot] == generation) {
        if (keys[slot] == key) {
          return false;
        }
        slot = (slot + 1) & mask;
      }
      stamp[slot] = generation;
      keys[slot] = key;
      return true;
    }
  }
}

package io.provwatch.ingest.formats;

import io.provwatch.platform.config.ProvwatchConfig;
import java.util.Collection;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The language of a post: the platform's declaration when it makes one, else a guess from the text
 * by one of two engines over a configured set of candidate languages
 * ({@value ProvwatchConfig#INGEST_LANGUAGE_CANDIDATES}, {@value ProvwatchConfig#INGEST_LANGUAGE_DETECTOR}).
 *
 * <p>{@link Engine#TRIGRAMS} (the default, {@link TrigramLanguageModel}) decides by script where a
 * script has one candidate and otherwise scores Lingua's trigram models itself, in a few microseconds
 * a post. {@link Engine#LINGUA} is Lingua (com.github.pemistahl:lingua) in low-accuracy mode, which
 * ingest used alone before: ~1 ms a post with all 75 languages. Lingua was chosen over OpenNLP's
 * langdetect-183 model (took Polish for Italian, English for Esperanto, ~1.4k texts/s) and Optimaize
 * (unmaintained since 2016). Both engines are built on the first post that declares no language, and
 * only then, once per engine and candidate set in the JVM. {@code provwatch eval language} measures
 * both on real multilingual text.
 *
 * <p>A detector names a language for any string, a hex id included (Lingua took one for Maori), so a
 * guess is kept only when the text can tell: tokens with digits (ids, codes) are not words, at least
 * {@value #MIN_LETTERS} letters remain, Latin-script text has at least two words, and the best
 * language wins by a margin of {@value #MIN_CONFIDENCE} or more over the next one. That margin is the
 * confidence carried in {@code Post.languageConfidence}: on real posts it is 0.14 to 0.30 for ordinary
 * sentences and under 0.05 for ids, "lol ok" and two-word greetings; 1.0 when the script decided.
 */
public final class LanguageDetector {
  static final int MIN_LETTERS = 10;
  static final double MIN_CONFIDENCE = 0.10;
  private static final int MIN_LATIN_WORDS = 2;
  /** Codes platforms use for "no language" (X: undetermined, media only, hashtags only, ...). */
  private static final Set<String> UNDETERMINED = Set.of("und", "zxx", "mul", "mis", "qme", "qam", "qct", "qht", "qst", "art");

  /** Links, @mentions and #tags say nothing of the language around them. */
  static final Pattern NOT_WORDS = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+|[@#][\\p{L}\\p{N}_.@-]+");
  /**
   * Tokens with a digit are ids, codes, prices or times, not words. A token stops at whitespace and at
   * Han, kana and Hangul too: Chinese and Japanese put no spaces between words, so one digit would
   * otherwise drop the whole sentence around it. Scanned by hand ({@link #withoutDigitTokens}): this
   * regular expression's script classes cost a binary search per character, most of a long post's
   * detection time; kept as the reference the scanner is tested against.
   */
  static final Pattern WITH_DIGITS = Pattern.compile(
      "[^\\s\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]*\\p{N}[^\\s\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]*");

  /** Models are large (Lingua's ~70 MB for all languages): one per engine and candidate set in the JVM. */
  private static final Map<String, TextLanguageModel> MODELS = new ConcurrentHashMap<>();
  private static final LanguageDetector NONE = new LanguageDetector(null, List.of());

  /** How undeclared languages are guessed. */
  public enum Engine {
    /** Script rules, then character trigrams scored by {@link TrigramLanguageModel}: microseconds a post. */
    TRIGRAMS,
    /** Lingua in low-accuracy mode: about a millisecond a post. */
    LINGUA;

    /** The engine named by a config value ("trigrams", "lingua"). */
    public static Engine named(String name) {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
  }

  /** A language and how sure ingest is of it: {@code confidence} is null when the platform declared it. */
  public record Resolved(String language, Double confidence) {
    static final Resolved UNKNOWN = new Resolved(null, null);
  }

  /** A language detected from the text, with the detector's margin over the next most likely one (0..1). */
  public record Detected(String language, double confidence) {}

  private final Engine engine;
  private final List<String> candidates;

  private LanguageDetector(Engine engine, List<String> candidates) {
    this.engine = engine;
    this.candidates = candidates;
  }

  /**
   * A detector choosing among {@code candidates} (ISO 639-1 codes; empty for all 75 languages Lingua knows).
   *
   * @throws IllegalArgumentException naming a code that neither engine knows
   */
  public static LanguageDetector of(Engine engine, Collection<String> candidates) {
    List<String> codes = candidates.stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).distinct().sorted().toList();
    for (String code : codes) {
      if (!TrigramLanguageModel.knows(code)) {
        throw new IllegalArgumentException("no language model for '" + code + "': expected an ISO 639-1 code of one of Lingua's 75 languages");
      }
    }
    return new LanguageDetector(engine, codes);
  }

  /** The default engine and candidates of {@link ProvwatchConfig}. */
  public static LanguageDetector standard() {
    return of(Engine.named(ProvwatchConfig.DEFAULT_LANGUAGE_DETECTOR), List.of(ProvwatchConfig.DEFAULT_LANGUAGE_CANDIDATES.split(",")));
  }

  /**
   * The detector {@value ProvwatchConfig#INGEST_LANGUAGE_DETECTOR} and
   * {@value ProvwatchConfig#INGEST_LANGUAGE_CANDIDATES} describe.
   *
   * @throws org.apache.kafka.common.config.ConfigException naming the candidates key when a code has no model
   */
  public static LanguageDetector fromConfig(ProvwatchConfig config) {
    List<String> candidates = config.getList(ProvwatchConfig.INGEST_LANGUAGE_CANDIDATES);
    try {
      return of(Engine.named(config.getString(ProvwatchConfig.INGEST_LANGUAGE_DETECTOR)), candidates);
    } catch (IllegalArgumentException e) {
      throw ProvwatchConfig.invalid(ProvwatchConfig.INGEST_LANGUAGE_CANDIDATES, candidates, e.getMessage());
    }
  }

  /** A detector that detects nothing: only declared languages are kept (bulk back-fills). */
  public static LanguageDetector none() {
    return NONE;
  }

  /** The engine, or null for {@link #none()}. */
  public Engine engine() {
    return engine;
  }

  /** The candidate languages (ISO 639-1, sorted); empty means all of Lingua's. */
  public List<String> candidates() {
    return candidates;
  }

  /** Builds the model now rather than on the first undeclared post (it takes from ~0.1 s to ~2 s). */
  public LanguageDetector preload() {
    if (engine != null) {
      model();
    }
    return this;
  }

  private TextLanguageModel model() {
    return MODELS.computeIfAbsent(engine + ":" + candidates, key -> switch (engine) {
      case TRIGRAMS -> new TrigramLanguageModel(candidates.isEmpty() ? TrigramLanguageModel.allLanguages() : candidates);
      case LINGUA -> new LinguaLanguageModel(candidates);
    });
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
  public Resolved resolve(String declaredTag, String text) {
    String declared = declared(declaredTag);
    if (declared != null) {
      return new Resolved(declared, null);
    }
    Detected detected = detect(text);
    return detected == null ? Resolved.UNKNOWN : new Resolved(detected.language(), detected.confidence());
  }

  /** The text's language as an ISO 639-1 code, or null when the text is too short, the guess unsure or detection off. */
  public Detected detect(String text) {
    if (engine == null) {
      return null;
    }
    String words = text == null ? "" : withoutDigitTokens(withoutLinksMentionsAndTags(text));
    if (letters(words) < MIN_LETTERS || (mostlyLatin(words) && wordCount(words) < MIN_LATIN_WORDS)) {
      return null;
    }
    Detected best = model().best(words);
    if (best == null) {
      return null;
    }
    double confidence = Math.round(best.confidence() * 1000) / 1000.0;
    return confidence < MIN_CONFIDENCE ? null : new Detected(best.language(), confidence);
  }

  /** The text with links, mentions and tags replaced by a space; the pattern runs only when one can be there. */
  static String withoutLinksMentionsAndTags(String text) {
    boolean possible = text.indexOf('@') >= 0 || text.indexOf('#') >= 0 || text.indexOf("://") >= 0 || containsWwwDot(text);
    return possible ? NOT_WORDS.matcher(text).replaceAll(" ") : text;
  }

  private static boolean containsWwwDot(String text) {
    for (int i = text.indexOf('.', 3); i >= 0; i = text.indexOf('.', i + 1)) {
      if (text.regionMatches(true, i - 3, "www", 0, 3)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The text with every match of {@link #WITH_DIGITS} replaced by a space, in one pass: a token (a run
   * of characters that are neither whitespace nor Han, kana or Hangul) goes when it holds a number,
   * as does a number of those scripts (〇) and the token right after it, as the greedy pattern takes them.
   */
  static String withoutDigitTokens(String text) {
    StringBuilder out = null;
    int copied = 0;
    int at = 0;
    int length = text.length();
    while (at < length) {
      int tokenEnd = tokenEnd(text, at);
      int digit = -1;
      for (int i = at; i < tokenEnd; ) {
        int cp = text.codePointAt(i);
        if (isNumber(cp)) {
          digit = i;
        }
        i += Character.charCount(cp);
      }
      if (tokenEnd < length && isNumber(text.codePointAt(tokenEnd))) {
        digit = tokenEnd; // the pattern's greedy first part backs off to the last number, here a separator one
      }
      if (digit < 0) {
        at = tokenEnd == at ? at + Character.charCount(text.codePointAt(at)) : tokenEnd;
        continue;
      }
      int end = digit < tokenEnd ? tokenEnd : tokenEnd(text, tokenEnd + Character.charCount(text.codePointAt(tokenEnd)));
      if (out == null) {
        out = new StringBuilder(length);
      }
      out.append(text, copied, at).append(' ');
      copied = end;
      at = end;
    }
    return out == null ? text : out.append(text, copied, length).toString();
  }

  /** Where the token starting at {@code from} ends: the first whitespace, Han, kana or Hangul character, or the end. */
  private static int tokenEnd(String text, int from) {
    int i = from;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (isTokenBreak(cp)) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return i;
  }

  /** The regular expression's {@code \s} (ASCII whitespace) or one of the scripts that write no spaces. */
  private static boolean isTokenBreak(int cp) {
    if (cp == ' ' || (cp >= '\t' && cp <= '\r')) {
      return true;
    }
    if (cp < 0x1100) {
      return false; // below Hangul Jamo no character is in these scripts: no script table look-up
    }
    Character.UnicodeScript script = Character.UnicodeScript.of(cp);
    return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
        || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
  }

  /** The regular expression's {@code \p{N}}. */
  private static boolean isNumber(int cp) {
    if (cp < 0x80) {
      return cp >= '0' && cp <= '9';
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
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

package io.provwatch.scoring.similarity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A fingerprint of a post's text that survives the edits copiers make: case, punctuation, spacing,
 * links and mentions. Short texts get none, since "good morning" from two people is no copy. Its
 * {@link #normalise} is also what {@link WordShingles} and {@link MinHash} read.
 */
public final class TextFingerprint {
  /** Fewer words than this and two equal texts are likely coincidence. */
  public static final int MIN_WORDS = 6;
  private static final Pattern URL = Pattern.compile("https?://\\S+|www\\.\\S+");
  private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}])@[\\p{L}\\p{N}_.@-]+");
  /** What {@link #wordsSpaced} replaces by one space, by hand: the reference its test holds it to. */
  static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}#]+");
  /**
   * The last text normalised on this thread and its result. One post's text is normalised by the copy
   * check's key, the coordination signature and its label in turn on the same stream thread, so the
   * second and third ask for the very string the first did.
   */
  private static final ThreadLocal<String[]> LAST = ThreadLocal.withInitial(() -> new String[2]);

  private TextFingerprint() {}

  /** The words that count, in order, separated by single spaces. */
  public static String normalise(String text) {
    String[] last = LAST.get();
    if (text.equals(last[0])) {
      return last[1];
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    if (s.contains("http") || s.contains("www.")) { // the patterns scan every position: only where they can match
      s = URL.matcher(s).replaceAll(" ");
    }
    if (s.indexOf('@') >= 0) {
      s = MENTION.matcher(s).replaceAll(" ");
    }
    String normalised = wordsSpaced(s).trim().replace("#", "");
    last[0] = text;
    last[1] = normalised;
    return normalised;
  }

  /** {@code NOT_WORD.matcher(s).replaceAll(" ")}: every run of characters that are not letters, numbers or '#' as one space. */
  static String wordsSpaced(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean inRun = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int n = Character.charCount(cp);
      if (cp == '#' || Character.isLetter(cp) || isNumber(cp)) {
        out.append(s, i, i + n);
        inRun = false;
      } else if (!inRun) {
        out.append(' ');
        inRun = true;
      }
      i += n;
    }
    return out.toString();
  }

  private static boolean isNumber(int cp) {
    if (cp < 0x80) {
      return cp >= '0' && cp <= '9';
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }

  /** The words of {@link #normalise}, in order; none for a missing or empty text. */
  public static String[] words(String text) {
    String normalised = text == null ? "" : normalise(text);
    return normalised.isEmpty() ? new String[0] : normalised.split(" ");
  }

  /** SHA-256 hex of the normalised text, or empty when it has fewer than {@link #MIN_WORDS} words. */
  public static Optional<String> of(String text) {
    String[] words = words(text);
    if (words.length < MIN_WORDS) {
      return Optional.empty();
    }
    String normalised = String.join(" ", words);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalised.getBytes(StandardCharsets.UTF_8));
      return Optional.of(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

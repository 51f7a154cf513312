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
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}#]+");

  private TextFingerprint() {}

  /** The words that count, in order, separated by single spaces. */
  public static String normalise(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    s = URL.matcher(s).replaceAll(" ");
    s = MENTION.matcher(s).replaceAll(" ");
    s = NOT_WORD.matcher(s).replaceAll(" ").trim();
    return s.replace("#", "");
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

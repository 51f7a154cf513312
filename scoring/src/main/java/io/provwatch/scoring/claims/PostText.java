package io.provwatch.scoring.claims;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post's text as the claim matcher reads it: what a platform adds around the words is taken off
 * or turned into words. Links ({@code https://...}, {@code pic.twitter.com/...}, {@code www...}) are
 * dropped; {@code @handles} and {@code #hashtags} lose their sign and are split into words at case and
 * digit changes ({@code #DefundTheCBC} reads "Defund The CBC", {@code @realDonaldTrump} "real Donald
 * Trump"); emoji, pictographs, flags and their joiners are dropped; HTML entities are decoded; the
 * signature an embedded tweet ends with ({@code — Name (@handle) January 14, 2020}) is cut off.
 * Deterministic and locale-independent.
 */
public final class PostText {
  static final Pattern SIGNATURE = Pattern.compile(
      "\\s*[—–]\\s*([^—–\\n]{0,120})\\(@(\\w{1,30})\\)\\s+\\p{L}+\\.? \\d{1,2}, \\d{4}\\s*$");
  static final Pattern LINK = Pattern.compile("(?i)(https?://|www\\.|pic\\.twitter\\.com/)\\S*");
  static final Pattern TAG = Pattern.compile("(?<![\\p{L}\\p{N}_])[#@]([\\p{L}\\p{N}_]+)");
  static final Pattern CASE_CHANGE = Pattern.compile(
      "(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})|(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})|_+");
  /** Symbols (emoji, pictographs, regional indicator flags), private use, variation selectors, joiners, skin tones. */
  static final Pattern EMOJI = Pattern.compile("[\\p{So}\\p{Sk}\\p{Co}\\p{Cs}\\x{FE00}-\\x{FE0F}\\x{200B}-\\x{200D}\\x{E0020}-\\x{E007F}]");
  static final Pattern SPACE = Pattern.compile("\\s+");

  private PostText() {}

  /** The author an embedded tweet's signature names ({@code Name @handle}), or null when the text ends with none. */
  public static String signatureAuthor(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = SIGNATURE.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC));
    return m.find() ? (m.group(1).strip() + " @" + m.group(2)) : null;
  }

  /** Whether {@code text} holds {@code part}, ignoring case (a superset of the patterns' ASCII-only {@code (?i)}). */
  private static boolean containsIgnoringCase(String text, String part) {
    for (int i = 0; i + part.length() <= text.length(); i++) {
      if (text.regionMatches(true, i, part, 0, part.length())) {
        return true;
      }
    }
    return false;
  }

  /** The normalised text; empty for null. */
  public static String normalise(String text) {
    if (text == null) {
      return "";
    }
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    s = s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">");
    // Each pattern scans every position of the text: it runs only when the text holds what it needs.
    if (s.indexOf('—') >= 0 || s.indexOf('–') >= 0) {
      s = SIGNATURE.matcher(s).replaceFirst("");
    }
    if (s.contains("://") || containsIgnoringCase(s, "www.") || containsIgnoringCase(s, "pic.twitter.com/")) {
      s = LINK.matcher(s).replaceAll(" ");
    }
    if (s.indexOf('#') >= 0 || s.indexOf('@') >= 0) {
      Matcher tags = TAG.matcher(s);
      StringBuilder out = new StringBuilder(s.length() + 16);
      while (tags.find()) {
        tags.appendReplacement(out, Matcher.quoteReplacement(" " + CASE_CHANGE.matcher(tags.group(1)).replaceAll(" ") + " "));
      }
      tags.appendTail(out);
      s = out.toString();
    }
    s = EMOJI.matcher(s).replaceAll(" ");
    return SPACE.matcher(s).replaceAll(" ").strip();
  }
}

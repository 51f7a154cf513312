package io.provwatch.ingest.formats;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Unicode NFC and removal of invisible characters, which are counted by kind rather than silently
 * dropped: zero-width and bidi-control characters inserted into a copied text defeat naive
 * duplicate detection and hide content, so how many there were is itself a signal
 * ({@code Post.textAnomalies}).
 *
 * <p>Characters that do visible work stay and are not counted: a zero-width joiner inside an emoji
 * sequence (👩‍💻), a zero-width (non-)joiner between letters of a joining script (Persian, Indic),
 * tag characters spelling a subdivision flag (🏴󠁧󠁢󠁳󠁣󠁴󠁿).
 */
public final class TextNormaliser {
  public static final String ZERO_WIDTH = "zeroWidth";
  public static final String BIDI_CONTROL = "bidiControl";
  public static final String TAG = "tag";
  public static final String OTHER_INVISIBLE = "otherInvisible";
  public static final String CONTROL = "control";

  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;
  private static final int BLACK_FLAG = 0x1F3F4;
  private static final int CANCEL_TAG = 0xE007F;

  /** Visible text and the invisible characters removed from it, by kind (only kinds that occurred). */
  public record Result(String text, Map<String, Integer> anomalies) {}

  private TextNormaliser() {}

  public static Result normalise(String raw) {
    if (raw == null || raw.isEmpty()) {
      return new Result("", Map.of());
    }
    String nfc = Normalizer.normalize(raw.replace("\r\n", "\n"), Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(nfc.length());
    Map<String, Integer> counts = null;
    int i = 0;
    while (i < nfc.length()) {
      int cp = nfc.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (cp == BLACK_FLAG) {
        int end = flagTagSequenceEnd(nfc, next);
        if (end > next) {
          out.append(nfc, i, end); // a subdivision flag: its tags are visible work
          i = end;
          continue;
        }
      }
      String kind = kindOf(cp);
      if (kind != null && (cp == ZWJ || cp == ZWNJ) && joins(out, nfc, next)) {
        kind = null;
      }
      if (kind == null) {
        out.appendCodePoint(cp);
      } else {
        if (counts == null) {
          counts = new TreeMap<>();
        }
        counts.merge(kind, 1, Integer::sum);
      }
      i = next;
    }
    return new Result(out.toString().strip(), counts == null ? Map.of() : Collections.unmodifiableMap(counts));
  }

  /** The kind of an invisible character, or null for a character that stays. */
  static String kindOf(int cp) {
    switch (cp) {
      case 0x200B, ZWNJ, ZWJ, 0x2060, 0xFEFF, 0x180E:
        return ZERO_WIDTH;
      case 0x200E, 0x200F, 0x061C:
        return BIDI_CONTROL;
      case 0x00AD, 0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x17B4, 0x17B5:
        return OTHER_INVISIBLE;
      case '\n', '\t':
        return null;
      default:
        break;
    }
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
      return BIDI_CONTROL;
    }
    if (cp >= 0xE0000 && cp <= 0xE007F) {
      return TAG;
    }
    if ((cp >= 0x2061 && cp <= 0x2064) || (cp >= 0xFFF9 && cp <= 0xFFFB)) {
      return OTHER_INVISIBLE;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0)) {
      return CONTROL;
    }
    return null;
  }

  /** End of "tag letters... cancel tag" right after a black flag, or {@code from} when there is none. */
  private static int flagTagSequenceEnd(String s, int from) {
    int i = from;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      if (cp == CANCEL_TAG) {
        return i > from ? i + Character.charCount(cp) : from;
      }
      if (cp < 0xE0020 || cp > 0xE007E) {
        return from;
      }
      i += Character.charCount(cp);
    }
    return from;
  }

  /** Whether a ZWJ/ZWNJ sits between two emoji parts or two letters of a script that joins. */
  private static boolean joins(StringBuilder before, String s, int after) {
    if (before.length() == 0 || after >= s.length()) {
      return false;
    }
    int prev = before.codePointBefore(before.length());
    int next = s.codePointAt(after);
    return (emojiPart(prev) && emojiPart(next)) || (joiningLetter(prev) && joiningLetter(next));
  }

  private static boolean emojiPart(int cp) {
    return Character.getType(cp) == Character.OTHER_SYMBOL || cp == 0xFE0F || (cp >= 0x1F3FB && cp <= 0x1F3FF);
  }

  private static boolean joiningLetter(int cp) {
    if (!Character.isLetter(cp) && Character.getType(cp) != Character.NON_SPACING_MARK && Character.getType(cp) != Character.COMBINING_SPACING_MARK) {
      return false;
    }
    UnicodeScript script = UnicodeScript.of(cp);
    return script != UnicodeScript.LATIN && script != UnicodeScript.CYRILLIC && script != UnicodeScript.GREEK
        && script != UnicodeScript.COMMON && script != UnicodeScript.INHERITED;
  }
}

package io.provwatch.sink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Deterministic alert ids: the same category, group, opening time and versions always give the
 * same id, so a replay or a retried transaction produces the same alert rather than a new one.
 */
public final class AlertIds {
  private AlertIds() {}

  /**
   * The id of the alert of {@code groupKey} (e.g. {@code campaign:c-1} or {@code post:x:9}) in
   * {@code category} that opened at {@code openedAtMs} (stream time): a later alert of the same group,
   * after the suppression window, opens at another time and so gets another id.
   */
  public static String of(String category, String groupKey, long openedAtMs, String modelVersion, String ruleSetVersion) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : List.of(category, groupKey, Long.toString(openedAtMs), modelVersion, ruleSetVersion)) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x1e); // separator: ("ab","c") and ("a","bc") must differ
      }
      return "alert-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

package io.provwatch.sink;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Deterministic alert ids: the same category, posts and versions always give the same id, so a
 * replay or a retried transaction produces the same alert rather than a new one.
 */
public final class AlertIds {
  private AlertIds() {}

  public static String of(String category, List<String> postIds, String modelVersion, String ruleSetVersion) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part : List.of(category, String.join("\u001f", postIds.stream().sorted().toList()), modelVersion, ruleSetVersion)) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x1e); // separator: ("ab","c") and ("a","bc") must differ
      }
      return "alert-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

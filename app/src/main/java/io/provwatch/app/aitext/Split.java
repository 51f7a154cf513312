package io.provwatch.app.aitext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Where a text goes: 70 % of groups train, 10 % calibrate (Platt scaling and the threshold), 20 %
 * test. Decided by the SHA-256 of the source and group, so a group is always on one side, and the
 * split is the same on every run and machine.
 */
public enum Split {
  TRAIN, CALIBRATION, TEST;

  public static Split of(LabelledText text) {
    int bucket = bucket(text.source() + "\u0000" + text.group());
    return bucket < 70 ? TRAIN : bucket < 80 ? CALIBRATION : TEST;
  }

  static int bucket(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      long head = 0;
      for (int i = 0; i < 8; i++) {
        head = (head << 8) | (digest[i] & 0xff);
      }
      return (int) Long.remainderUnsigned(head, 100);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}

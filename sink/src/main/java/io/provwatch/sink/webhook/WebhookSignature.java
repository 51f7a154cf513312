package io.provwatch.sink.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}, sent as
 * {@value #SIGNATURE_HEADER} with the timestamp (epoch seconds) in {@value #TIMESTAMP_HEADER}.
 *
 * <p>A receiver verifies by computing the same HMAC over the timestamp header, a dot and the raw
 * request body (bytes as received, before any JSON parsing), comparing in constant time, and
 * refusing timestamps older than a few minutes, so that a captured request cannot be replayed later.
 */
public final class WebhookSignature {
  public static final String SIGNATURE_HEADER = "X-Provwatch-Signature";
  public static final String TIMESTAMP_HEADER = "X-Provwatch-Timestamp";
  private static final String PREFIX = "sha256=";

  private final SecretKeySpec key;

  public WebhookSignature(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("a webhook secret is required");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The header value for {@code body} sent at {@code epochSeconds}. */
  public String sign(long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** What a receiver does: whether {@code signatureHeader} is ours for this timestamp and body (constant-time compare). */
  public boolean verify(String timestampHeader, byte[] body, String signatureHeader) {
    if (timestampHeader == null || signatureHeader == null) {
      return false;
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestampHeader);
    } catch (NumberFormatException e) {
      return false;
    }
    return MessageDigest.isEqual(sign(seconds, body).getBytes(StandardCharsets.US_ASCII), signatureHeader.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "WebhookSignature[secret redacted]";
  }
}

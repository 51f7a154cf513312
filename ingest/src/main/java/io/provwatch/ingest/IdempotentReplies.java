package io.provwatch.ingest;

import io.provwatch.ingest.HttpIngestHandler.Reply;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code Idempotency-Key} of {@code POST /v1/posts}: the answer to the first request with a key is
 * kept, and a retry with the same key and the same body gets that answer again (header
 * {@code Idempotent-Replayed: true}) without anything being published. Keys are per caller (the API
 * key's name; anonymous callers share one space). The same key with another body is refused (422),
 * as is a retry while the first attempt is still running (409, {@code Retry-After}). An answer of
 * 5xx is not kept: Kafka did not take the posts, so the retry must try again (the posts it did take
 * are caught by the handler's post dedupe). Bounded by count and age like every ingest dedupe
 * ({@link RecentKeys}).
 */
final class IdempotentReplies {
  static final String HEADER = "Idempotency-Key";
  static final String REPLAYED_HEADER = "Idempotent-Replayed";
  /** Longest key accepted: a UUID is 36; anything beyond this only costs memory. */
  static final int MAX_KEY_LENGTH = 255;

  private final RecentKeys<Kept> kept;
  private final Map<String, byte[]> inFlight = new ConcurrentHashMap<>();

  private record Kept(byte[] requestDigest, Reply reply) {}

  /** Why a request is not run: status, error code and reason. */
  record Refusal(int status, String code, String reason) {}

  /** The outcome of claiming a key: an earlier answer to send again, a refusal, or the right to run the request. */
  final class Claim {
    private final String scopedKey;
    private final byte[] digest;
    private final Reply earlier;
    private final Refusal refusal;

    private Claim(String scopedKey, byte[] digest, Reply earlier, Refusal refusal) {
      this.scopedKey = scopedKey;
      this.digest = digest;
      this.earlier = earlier;
      this.refusal = refusal;
    }

    Reply earlier() {
      return earlier;
    }

    Refusal refusal() {
      return refusal;
    }

    /** Releases the key of a request that ran; its answer is kept unless null (it threw) or 5xx. */
    void complete(Reply reply) {
      if (reply != null && reply.status() < 500) {
        kept.put(scopedKey, new Kept(digest, reply));
      }
      inFlight.remove(scopedKey, digest);
    }
  }

  IdempotentReplies(int maxKeys, Duration retention, Clock clock) {
    this.kept = new RecentKeys<>(maxKeys, retention, clock);
  }

  /** Why a header value is not a usable key, or null when it is (or there is none). */
  static String problem(String key) {
    if (key == null) {
      return null;
    }
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      return HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters, got " + key.length();
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        return HEADER + " must be printable ASCII without spaces (character " + (i + 1) + " is not)";
      }
    }
    return null;
  }

  /**
   * Claims {@code key} of {@code caller} for a request with this body: the caller must then run it
   * and {@link Claim#complete} the claim, unless the claim carries an earlier answer or a refusal.
   */
  Claim claim(String caller, String key, String contentType, byte[] body) {
    String scopedKey = caller.length() + ":" + caller + ":" + key; // the length keeps 'a:b'+'c' apart from 'a'+'b:c'
    byte[] digest = digest(contentType, body);
    Kept earlier = kept.get(scopedKey);
    if (earlier != null) {
      return MessageDigest.isEqual(earlier.requestDigest(), digest) ? new Claim(scopedKey, digest, earlier.reply(), null)
          : new Claim(scopedKey, digest, null, new Refusal(422, "IDEMPOTENCY_KEY_REUSED",
              HEADER + " '" + key + "' was used for another request body; use a new key for new posts"));
    }
    if (inFlight.putIfAbsent(scopedKey, digest) != null) {
      return new Claim(scopedKey, digest, null, new Refusal(409, "IDEMPOTENCY_KEY_IN_FLIGHT",
          "the request with " + HEADER + " '" + key + "' is still being processed; retry shortly"));
    }
    // the first attempt may have finished between the lookup above and taking the key
    Kept justDone = kept.get(scopedKey);
    if (justDone != null) {
      inFlight.remove(scopedKey, digest);
      return claim(caller, key, contentType, body);
    }
    return new Claim(scopedKey, digest, null, null);
  }

  private static byte[] digest(String contentType, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(contentType.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      return sha.digest(body);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

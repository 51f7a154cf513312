package io.provwatch.platform.topics;

import io.provwatch.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Dead letters that always fit a Kafka record: a rejected input larger than {@link #MAX_RAW_BYTES} is
 * kept as its start, with {@code rawLength} and the message saying so. A dead letter that could not be
 * written (over the producer's {@code max.request.size} or the broker's {@code message.max.bytes},
 * 1 MiB by default) would fail its source again on every retry: a live source would reconnect to meet
 * the same input for ever.
 */
public final class DeadLetters {
  /** Longest raw input kept: half the default 1 MiB request, leaving room for the other fields. */
  public static final int MAX_RAW_BYTES = 512 * 1024;

  private DeadLetters() {}

  /** A dead-letter builder with {@code raw} (cut to fit) and {@code message} (saying where it was cut) set. */
  public static DeadLetter.Builder builder(byte[] raw, String message) {
    byte[] whole = raw == null ? new byte[0] : raw;
    if (whole.length <= MAX_RAW_BYTES) {
      return DeadLetter.newBuilder().setRaw(ByteBuffer.wrap(whole)).setMessage(message);
    }
    return DeadLetter.newBuilder().setRaw(ByteBuffer.wrap(Arrays.copyOf(whole, MAX_RAW_BYTES))).setRawLength((long) whole.length)
        .setMessage(message + " [raw input cut to its first " + MAX_RAW_BYTES + " of " + whole.length + " bytes]");
  }
}

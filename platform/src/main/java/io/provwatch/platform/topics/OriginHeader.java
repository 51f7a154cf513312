package io.provwatch.platform.topics;

import io.provwatch.avro.InputRef;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The header a copied record carries with the coordinates of its original, e.g. a post that a replay
 * copied from {@code posts} into its own input topic: lineage then names the live record, not the copy.
 * Value: {@code topic/partition/offset} in UTF-8 (topic names cannot contain '/').
 */
public final class OriginHeader {
  public static final String NAME = "provwatch.origin";

  private OriginHeader() {}

  public static byte[] encode(String topic, int partition, long offset) {
    return (topic + "/" + partition + "/" + offset).getBytes(StandardCharsets.UTF_8);
  }

  /** The original's coordinates, or empty when the record is no copy (or the header is unreadable). */
  public static Optional<InputRef> decode(Headers headers) {
    Header header = headers == null ? null : headers.lastHeader(NAME);
    if (header == null || header.value() == null) {
      return Optional.empty();
    }
    String[] parts = new String(header.value(), StandardCharsets.UTF_8).split("/");
    if (parts.length != 3 || parts[0].isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InputRef.newBuilder().setTopic(parts[0]).setPartition(Integer.parseInt(parts[1]))
          .setOffset(Long.parseLong(parts[2])).build());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}

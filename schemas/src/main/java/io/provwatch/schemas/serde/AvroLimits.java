package io.provwatch.schemas.serde;

import java.util.Map;

/**
 * Bounds on what Avro decodes from a record's bytes, below Avro's own defaults (2 GiB): a hostile
 * record that declares a huge string, byte array or collection is refused with a typed error
 * ({@code SystemLimitException}, reported as a {@code SerializationException}) before anything that
 * size is allocated. No provwatch record comes near them: Kafka's default record limit is 1 MiB.
 * Avro reads the limits once, when it first checks one, so they are set when the serdes load; a
 * value given on the command line ({@code -Dorg.apache.avro.limits...}) wins.
 */
public final class AvroLimits {
  /** Longest string or byte array decoded: 16 MiB. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;
  /** Most items in one array or map: one million. */
  public static final int MAX_COLLECTION_ITEMS = 1_000_000;

  private AvroLimits() {}

  public static void install() {
    Map.of("org.apache.avro.limits.bytes.maxLength", MAX_BYTES,
        "org.apache.avro.limits.string.maxLength", MAX_BYTES,
        "org.apache.avro.limits.collectionItems.maxLength", MAX_COLLECTION_ITEMS)
        .forEach((property, limit) -> {
          if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(limit));
          }
        });
  }
}

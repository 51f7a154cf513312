package io.provwatch.schemas.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/** The Confluent wire format: magic byte 0, 4-byte big-endian schema id, then the Avro binary body. */
public final class WireFormat {
  public static final byte MAGIC_BYTE = 0;
  public static final int HEADER_SIZE = 5;

  private WireFormat() {}

  /** Reads the schema id from the header, leaving the buffer positioned at the Avro body. */
  public static int readSchemaId(ByteBuffer buffer) {
    if (buffer.remaining() < HEADER_SIZE) {
      throw new SerializationException(
          "Not in Confluent wire format: " + buffer.remaining() + " bytes, need at least " + HEADER_SIZE);
    }
    byte magic = buffer.get();
    if (magic != MAGIC_BYTE) {
      throw new SerializationException("Not in Confluent wire format: magic byte is " + magic + ", expected 0");
    }
    return buffer.getInt();
  }
}

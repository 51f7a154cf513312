package io.provwatch.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * CBOR for C2PA: reading goes through Jackson's CBOR module (integer map keys become their decimal text, byte
 * strings binary nodes, tags are dropped); writing is a small definite-length encoder, because COSE needs integer
 * keys and byte-exact structures that Jackson's generator does not promise.
 */
public final class Cbor {
  private static final CBORMapper MAPPER = new CBORMapper();

  private Cbor() {}

  /** A tagged value, e.g. COSE_Sign1's tag 18. */
  public record Tagged(long tag, Object value) {}

  /** Reads one CBOR item. */
  public static JsonNode read(byte[] data, int offset, int length) throws IOException {
    JsonNode node = MAPPER.readTree(data, offset, length);
    if (node == null || node.isMissingNode()) {
      throw new IOException("no CBOR item in " + length + " bytes");
    }
    return node;
  }

  public static JsonNode read(byte[] data) throws IOException {
    return read(data, 0, data.length);
  }

  /**
   * Encodes maps (insertion order; Integer and Long keys as CBOR integers), lists, text, byte arrays, integers,
   * booleans, null and {@link Tagged} values.
   */
  public static byte[] encode(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out, value);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, Object value) {
    if (value == null) {
      out.write(0xf6);
    } else if (value instanceof Boolean b) {
      out.write(b ? 0xf5 : 0xf4);
    } else if (value instanceof Integer || value instanceof Long) {
      long n = ((Number) value).longValue();
      if (n >= 0) {
        head(out, 0, n);
      } else {
        head(out, 1, -1 - n);
      }
    } else if (value instanceof String s) {
      byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
      head(out, 3, utf8.length);
      out.writeBytes(utf8);
    } else if (value instanceof byte[] bytes) {
      head(out, 2, bytes.length);
      out.writeBytes(bytes);
    } else if (value instanceof List<?> list) {
      head(out, 4, list.size());
      list.forEach(item -> write(out, item));
    } else if (value instanceof Map<?, ?> map) {
      head(out, 5, map.size());
      map.forEach((k, v) -> {
        write(out, k);
        write(out, v);
      });
    } else if (value instanceof Tagged tagged) {
      head(out, 6, tagged.tag());
      write(out, tagged.value());
    } else {
      throw new IllegalArgumentException("cannot encode " + value.getClass().getName() + " as CBOR");
    }
  }

  private static void head(ByteArrayOutputStream out, int major, long n) {
    int m = major << 5;
    if (n < 24) {
      out.write(m | (int) n);
    } else if (n < 0x100) {
      out.write(m | 24);
      out.write((int) n);
    } else if (n < 0x10000) {
      out.write(m | 25);
      out.write((int) (n >> 8));
      out.write((int) n);
    } else if (n < 0x100000000L) {
      out.write(m | 26);
      for (int shift = 24; shift >= 0; shift -= 8) {
        out.write((int) (n >> shift));
      }
    } else {
      out.write(m | 27);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (n >> shift));
      }
    }
  }

  /** The text at {@code field}, or null when absent or not text. */
  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value != null && value.isTextual() ? value.asText() : null;
  }

  /** The bytes at {@code field}, or null when absent or not a byte string. */
  static byte[] bytes(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || !value.isBinary()) {
      return null;
    }
    try {
      return value.binaryValue();
    } catch (IOException e) {
      return null; // a binary node always yields its bytes
    }
  }
}

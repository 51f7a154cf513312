package io.provwatch.ingest.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.provwatch.ingest.PostRejection.Code;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reading JSON payloads and their fields; every problem is an {@link InvalidInput} naming the field's path and value. */
final class Json {
  /** One document per payload: trailing content is an error, not silently ignored. Nesting is bounded. */
  static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build()).build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private Json() {}

  /** The payload's one JSON value. */
  static JsonNode read(byte[] payload) {
    try {
      JsonNode node = MAPPER.readTree(payload);
      if (node == null || node.isMissingNode()) {
        throw new InvalidInput(Code.MALFORMED_JSON, "not valid JSON: the payload is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new InvalidInput(Code.MALFORMED_JSON, "not valid JSON: " + e.getOriginalMessage() + where);
    } catch (IOException e) {
      throw new InvalidInput(Code.MALFORMED_JSON, "not valid JSON: " + e.getMessage());
    }
  }

  /** The JSON document inside a JSON string, as the Mastodon streaming API nests its payloads. */
  static JsonNode readNested(String json, String path) {
    try {
      return read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (InvalidInput e) {
      throw new InvalidInput(Code.MALFORMED_JSON, "'" + path + "' holds " + e.getMessage());
    }
  }

  static boolean absent(JsonNode value) {
    return value == null || value.isNull() || value.isMissingNode();
  }

  /** A string (or an integral number, as some platforms send ids), or null when absent. */
  static String text(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (absent(value)) {
      return null;
    }
    if (value.isTextual() || value.isIntegralNumber()) {
      return value.asText();
    }
    throw InvalidInput.invalid(path, "a string", value);
  }

  static String requiredText(JsonNode node, String field, String path) {
    String value = text(node, field, path);
    if (value == null || value.isBlank()) {
      throw InvalidInput.missing(path);
    }
    return value;
  }

  /** An object, or null when absent. */
  static JsonNode object(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (absent(value)) {
      return null;
    }
    if (!value.isObject()) {
      throw InvalidInput.invalid(path, "an object", value);
    }
    return value;
  }

  static JsonNode requiredObject(JsonNode node, String field, String path) {
    JsonNode value = object(node, field, path);
    if (value == null) {
      throw InvalidInput.missing(path);
    }
    return value;
  }

  /** An array (empty when absent). */
  static JsonNode array(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (absent(value)) {
      return MAPPER.createArrayNode();
    }
    if (!value.isArray()) {
      throw InvalidInput.invalid(path, "an array", value);
    }
    return value;
  }

  /** An ISO-8601 time, or null when absent; a time without offset is taken as UTC, as platforms that drop it mean. */
  static Instant time(JsonNode node, String field, String path) {
    String value = text(node, field, path);
    return value == null ? null : parseTime(value, path);
  }

  static Instant requiredTime(JsonNode node, String field, String path) {
    Instant value = time(node, field, path);
    if (value == null) {
      throw InvalidInput.missing(path);
    }
    return value;
  }

  static Instant parseTime(String value, String path) {
    try {
      return checkedMillis(OffsetDateTime.parse(value.trim()).toInstant(), path, value);
    } catch (DateTimeParseException e) {
      try {
        return checkedMillis(LocalDateTime.parse(value.trim()).toInstant(ZoneOffset.UTC), path, value);
      } catch (DateTimeParseException again) {
        throw InvalidInput.invalid(path, "an ISO-8601 time (e.g. 2026-11-20T09:15:00Z)", "'" + value + "'");
      }
    }
  }

  /** Seconds since the epoch as a number or a numeric string (Pushshift has both), fractions allowed. */
  static Instant epochSeconds(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (absent(value)) {
      return null;
    }
    double seconds;
    if (value.isNumber()) {
      seconds = value.asDouble();
    } else if (value.isTextual()) {
      try {
        seconds = Double.parseDouble(value.asText().trim());
      } catch (NumberFormatException e) {
        throw InvalidInput.invalid(path, "seconds since 1970 as a number", "'" + value.asText() + "'");
      }
    } else {
      throw InvalidInput.invalid(path, "seconds since 1970 as a number", value);
    }
    if (!Double.isFinite(seconds) || Math.abs(seconds) > 1e13) {
      throw InvalidInput.invalid(path, "seconds since 1970 within the years -300000..300000", value);
    }
    return checkedMillis(Instant.ofEpochMilli(Math.round(seconds * 1000)), path, value);
  }

  /** Posts store times as epoch milliseconds: a time outside that range is invalid, not an overflow. */
  private static Instant checkedMillis(Instant time, String path, Object value) {
    try {
      time.toEpochMilli();
      return time;
    } catch (ArithmeticException e) {
      throw InvalidInput.invalid(path, "a time within the range of epoch milliseconds", value);
    }
  }
}

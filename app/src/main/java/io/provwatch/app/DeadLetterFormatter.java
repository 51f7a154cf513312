package io.provwatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provwatch.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Renders dead letters for people (what was rejected, where it came from, why, and the start of the
 * input) or for scripts (one JSON object per line, the input whole in base64).
 */
final class DeadLetterFormatter {
  /** Enough of the input to recognise it; {@code --json} carries it whole. */
  static final int PREVIEW_CHARS = 300;
  private static final int PREVIEW_BYTES = 64;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private DeadLetterFormatter() {}

  static String text(DeadLetter letter) {
    String nl = System.lineSeparator();
    byte[] raw = bytes(letter.getRaw());
    StringBuilder sb = new StringBuilder()
        .append(TIME.format(letter.getTime())).append("  ").append(letter.getStage()).append("  ").append(letter.getErrorCode())
        .append("  ").append(letter.getSource()).append(letter.getPosition() == null ? "" : " at " + letter.getPosition())
        .append(nl).append("    ").append(letter.getMessage())
        .append(nl).append("    input (").append(raw.length).append(raw.length == 1 ? " byte): " : " bytes): ");
    Optional<String> utf8 = utf8(raw);
    if (utf8.isPresent()) {
      String text = utf8.get();
      sb.append(escape(text.length() > PREVIEW_CHARS ? text.substring(0, PREVIEW_CHARS) : text))
          .append(text.length() > PREVIEW_CHARS ? " ..." : "");
    } else {
      // not text (an Avro record a stream could not read): hex shows what it starts with
      sb.append("hex ").append(HexFormat.of().formatHex(raw, 0, Math.min(raw.length, PREVIEW_BYTES)))
          .append(raw.length > PREVIEW_BYTES ? " ..." : "");
    }
    return sb.toString();
  }

  static String json(DeadLetter letter) {
    byte[] raw = bytes(letter.getRaw());
    ObjectNode node = JSON.createObjectNode();
    node.put("time", letter.getTime().toString());
    node.put("stage", letter.getStage());
    node.put("errorCode", letter.getErrorCode());
    node.put("source", letter.getSource());
    node.put("position", letter.getPosition());
    node.put("message", letter.getMessage());
    node.put("rawBase64", Base64.getEncoder().encodeToString(raw));
    utf8(raw).ifPresent(text -> node.put("rawText", text));
    return node.toString();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  private static Optional<String> utf8(byte[] raw) {
    try {
      return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /** One line whatever the input holds: line breaks, tabs and other control characters written as escapes. */
  private static String escape(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }
}

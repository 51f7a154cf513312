package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeadLetterFormatterTest {
  private static DeadLetter letter(byte[] raw, String position) {
    return DeadLetter.newBuilder().setRaw(ByteBuffer.wrap(raw)).setSource("mastodon-stream:masto").setPosition(position)
        .setStage("ingest").setErrorCode("MISSING_FIELD").setMessage("missing required field 'id'")
        .setTime(Instant.parse("2026-11-26T05:02:31Z")).build();
  }

  @Test
  void textNamesStageCodeSourcePositionAndReasonAndShowsTheInputOnOneLine() {
    String text = DeadLetterFormatter.text(letter("{\"text\":\"two\nlines\"}".getBytes(StandardCharsets.UTF_8), "stream.jsonl:7"));

    assertThat(text.split(System.lineSeparator())).containsExactly(
        "2026-11-26 05:02:31Z  ingest  MISSING_FIELD  mastodon-stream:masto at stream.jsonl:7",
        "    missing required field 'id'",
        "    input (20 bytes): {\"text\":\"two\\nlines\"}");
  }

  @Test
  void aLongInputIsCutInTextButWholeInJson() throws Exception {
    String longText = "x".repeat(DeadLetterFormatter.PREVIEW_CHARS + 50);
    DeadLetter letter = letter(longText.getBytes(StandardCharsets.UTF_8), null);

    assertThat(DeadLetterFormatter.text(letter)).endsWith("x".repeat(DeadLetterFormatter.PREVIEW_CHARS) + " ...")
        .doesNotContain(" at ");
    JsonNode json = new ObjectMapper().readTree(DeadLetterFormatter.json(letter));
    assertThat(json.get("rawText").asText()).isEqualTo(longText);
    assertThat(json.get("position").isNull()).isTrue();
    assertThat(json.get("errorCode").asText()).isEqualTo("MISSING_FIELD");
    assertThat(json.get("time").asText()).isEqualTo("2026-11-26T05:02:31Z");
  }

  @Test
  void binaryInputIsShownAsHexAndKeptWholeInBase64() throws Exception {
    byte[] avro = {0, 0, 0, 0, 12, (byte) 0xff, (byte) 0xfe, 2};
    DeadLetter letter = letter(avro, "assessments-0@41");

    assertThat(DeadLetterFormatter.text(letter)).endsWith("input (8 bytes): hex 000000000cfffe02");
    JsonNode json = new ObjectMapper().readTree(DeadLetterFormatter.json(letter));
    assertThat(Base64.getDecoder().decode(json.get("rawBase64").asText())).isEqualTo(avro);
    assertThat(json.has("rawText")).isFalse();
  }
}

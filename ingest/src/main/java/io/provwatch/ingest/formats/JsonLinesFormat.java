package io.provwatch.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection.Code;
import java.util.List;

/** A format whose payload is one JSON object that is one item, as a line of NDJSON or a stream message. */
abstract class JsonLinesFormat extends AbstractPostFormat {
  private final String itemKind;

  /** @param itemKind what an item is, for messages: "a Jetstream event" */
  JsonLinesFormat(String name, String itemKind, PostNormaliser normaliser) {
    super(name, Framing.JSON_LINES, normaliser);
    this.itemKind = itemKind;
  }

  @Override
  final List<ParseResult> read(byte[] payload, SourcePosition position) {
    return List.of(item(() -> {
      JsonNode node = Json.read(payload);
      if (!node.isObject()) {
        throw new InvalidInput(Code.NOT_AN_OBJECT, "expected " + itemKind + " (a JSON object), got " + InvalidInput.abbreviate(node.toString()));
      }
      return item(node, position);
    }));
  }

  /** The result for one item, a JSON object; throws {@link InvalidInput} for bad input. */
  abstract ParseResult item(JsonNode node, SourcePosition position);
}

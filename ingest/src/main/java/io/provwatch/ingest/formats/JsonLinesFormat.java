package io.provwatch.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection.Code;
import java.util.List;

/** A format whose payload is one JSON value that is one item, as a line of NDJSON or a stream message. */
abstract class JsonLinesFormat implements PostFormat {
  private final String name;
  private final String itemKind;
  final PostNormaliser normaliser;

  /** @param itemKind what an item is, for messages: "a Jetstream event" */
  JsonLinesFormat(String name, String itemKind, PostNormaliser normaliser) {
    this.name = name;
    this.itemKind = itemKind;
    this.normaliser = normaliser;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Framing framing() {
    return Framing.JSON_LINES;
  }

  @Override
  public final List<ParseResult> parse(byte[] payload, SourcePosition position) {
    return Results.guarded(name, () -> List.of(Results.item(name, () -> {
      JsonNode node = Json.read(payload);
      if (!node.isObject()) {
        throw new InvalidInput(Code.NOT_AN_OBJECT, "expected " + itemKind + " (a JSON object), got " + InvalidInput.abbreviate(node.toString()));
      }
      return item(node, position);
    })));
  }

  /** The result for one item, a JSON object; throws {@link InvalidInput} for bad input. */
  abstract ParseResult item(JsonNode node, SourcePosition position);
}

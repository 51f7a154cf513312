package io.provwatch.ingest.formats;

import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Name, framing and the guard that keeps every failure inside a result, for all adapters. */
abstract class AbstractPostFormat implements PostFormat {
  private final String name;
  private final Framing framing;
  final PostNormaliser normaliser;

  AbstractPostFormat(String name, Framing framing, PostNormaliser normaliser) {
    this.name = name;
    this.framing = framing;
    this.normaliser = normaliser;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Framing framing() {
    return framing;
  }

  @Override
  public final List<ParseResult> parse(byte[] payload, SourcePosition position) {
    return Results.guarded(name, () -> read(payload, position));
  }

  /** The payload's results; may throw {@link InvalidInput} when the payload as a whole is bad. */
  abstract List<ParseResult> read(byte[] payload, SourcePosition position);

  /** How one item of a payload becomes a result, given its path (e.g. {@code entry[2]}) and position. */
  interface ItemParser<T> {
    ParseResult parse(T item, String path, SourcePosition position);
  }

  /** The results of a payload's items, each at {@code <payload>#<prefix>[i]}, each failing on its own. */
  final <T> List<ParseResult> eachItem(Iterable<T> items, String prefix, SourcePosition position, ItemParser<T> parser) {
    List<ParseResult> results = new ArrayList<>();
    int i = 0;
    for (T item : items) {
      String path = prefix + "[" + i++ + "]";
      SourcePosition at = PostFormat.itemPosition(position, path);
      results.add(item(() -> parser.parse(item, path, at)));
    }
    return results;
  }

  /** One item's result, its failure its own. */
  final ParseResult item(Supplier<ParseResult> parse) {
    return Results.item(name, parse);
  }
}

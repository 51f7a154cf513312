package io.provwatch.ingest.formats;

import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.CanonicalPostParser;
import io.provwatch.ingest.ParseResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * provwatch's own canonical JSON, one post per line, as a {@link PostFormat}, so that files of it go
 * through the same connectors as the platforms' formats. The parsing is {@link CanonicalPostParser}'s
 * (also behind the HTTP endpoint); the posts are taken as they are written, not normalised again.
 */
public final class CanonicalFormat extends AbstractPostFormat {
  public static final String NAME = "canonical";

  private final CanonicalPostParser parser;

  public CanonicalFormat(Clock clock) {
    super(NAME, Framing.JSON_LINES, new PostNormaliser(clock, false)); // the normaliser is unused: posts stay as written
    this.parser = new CanonicalPostParser(clock);
  }

  @Override
  List<ParseResult> read(byte[] payload, SourcePosition position) {
    return List.of(parser.parse(new String(payload, StandardCharsets.UTF_8), position));
  }
}

package io.provwatch.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection;
import io.provwatch.ingest.PostSkip;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Hand-written fixtures under {@code src/test/resources/formats} and ways to look at results. */
final class FormatFixtures {
  static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
  /** Language detection off: the tests that want it ask for it (it takes a second to load). */
  static final PostNormaliser NORMALISER = new PostNormaliser(Clock.fixed(NOW, ZoneOffset.UTC), false);

  private FormatFixtures() {}

  static byte[] fixture(String path) {
    try (InputStream in = FormatFixtures.class.getResourceAsStream("/formats/" + path)) {
      assertThat(in).as("fixture %s", path).isNotNull();
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The non-blank lines of an NDJSON fixture. */
  static List<String> lines(String path) {
    return new String(fixture(path), java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
  }

  static SourcePosition at(String position) {
    return SourcePosition.newBuilder().setConnector("test").setPosition(position).build();
  }

  static Post parsed(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).post();
  }

  static PostRejection rejected(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Rejected.class);
    return ((ParseResult.Rejected) result).rejection();
  }

  static PostSkip skipped(ParseResult result) {
    assertThat(result).isInstanceOf(ParseResult.Skipped.class);
    return ((ParseResult.Skipped) result).skip();
  }

  static List<Post> posts(List<ParseResult> results) {
    return results.stream().filter(ParseResult.Parsed.class::isInstance).map(r -> ((ParseResult.Parsed) r).post()).toList();
  }

  static long count(List<ParseResult> results, Class<? extends ParseResult> kind) {
    return results.stream().filter(kind::isInstance).count();
  }
}

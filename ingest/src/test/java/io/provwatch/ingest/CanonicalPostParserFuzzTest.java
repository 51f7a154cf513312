package io.provwatch.ingest;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.provwatch.avro.SourcePosition;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Canonical JSON, as the HTTP endpoint and {@code ingest canonical} get it: see {@link ParserProperty}. */
class CanonicalPostParserFuzzTest {
  private static final CanonicalPostParser PARSER = new CanonicalPostParser(Clock.fixed(Instant.parse("2026-11-21T08:00:00Z"), ZoneOffset.UTC));
  private static final SourcePosition AT = SourcePosition.newBuilder().setConnector("fuzz").setPosition("input").build();

  @DictionaryEntries({"\"id\"", "\"platform\"", "\"author\"", "\"createdAt\"", "\"observedAt\"", "\"text\"", "\"media\"", "\"sha256\"",
      "\"urls\"", "\"hashtags\"", "\"mentions\"", "\"replyTo\"", "\"mimeType\"", "\"url\"", "\"2026-11-20T09:15:00Z\"", "\"x:1\""})
  @FuzzTest(maxDuration = FuzzBudget.PER_PARSER)
  void parse(byte[] input) {
    ParserProperty.check(PARSER.parse(new String(input, StandardCharsets.UTF_8), AT));
  }
}

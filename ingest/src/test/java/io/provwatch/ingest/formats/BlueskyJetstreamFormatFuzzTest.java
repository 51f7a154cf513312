package io.provwatch.ingest.formats;

import static io.provwatch.ingest.formats.FormatFixtures.NORMALISER;
import static io.provwatch.ingest.formats.FormatFixtures.at;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.provwatch.ingest.FuzzBudget;
import io.provwatch.ingest.ParserProperty;

/** Bluesky Jetstream events: see {@link ParserProperty}; seeds and past findings in {@code BlueskyJetstreamFormatFuzzTestInputs/parse}. */
class BlueskyJetstreamFormatFuzzTest {
  private static final PostFormat FORMAT = new BlueskyJetstreamFormat(NORMALISER);

  @DictionaryEntries({"\"did\"", "\"time_us\"", "\"kind\"", "\"commit\"", "\"operation\"", "\"collection\"", "\"rkey\"", "\"record\"",
      "\"app.bsky.feed.post\"", "\"app.bsky.feed.repost\"", "\"create\"", "\"update\"", "\"delete\"", "\"facets\"", "\"features\"", "\"index\"",
      "\"byteStart\"", "\"byteEnd\"", "\"embed\"", "\"$type\"", "\"app.bsky.embed.images\"", "\"app.bsky.embed.record\"",
      "\"app.bsky.embed.recordWithMedia\"", "\"app.bsky.richtext.facet#link\"", "\"app.bsky.richtext.facet#mention\"",
      "\"app.bsky.richtext.facet#tag\"", "\"reply\"", "\"parent\"", "\"uri\"", "\"langs\"", "\"blob\"", "\"ref\"", "\"$link\"", "\"did:plc:"})
  @FuzzTest(maxDuration = FuzzBudget.PER_PARSER)
  void parse(byte[] payload) {
    ParserProperty.check(FORMAT.parse(payload, at("fuzz")));
  }
}

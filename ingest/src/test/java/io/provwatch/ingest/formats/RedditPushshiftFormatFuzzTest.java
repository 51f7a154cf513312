package io.provwatch.ingest.formats;

import static io.provwatch.ingest.formats.FormatFixtures.NORMALISER;
import static io.provwatch.ingest.formats.FormatFixtures.at;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.provwatch.ingest.FuzzBudget;
import io.provwatch.ingest.ParserProperty;

/** Reddit submissions and comments in Pushshift NDJSON: see {@link ParserProperty}; seeds and past findings in {@code RedditPushshiftFormatFuzzTestInputs/parse}. */
class RedditPushshiftFormatFuzzTest {
  private static final PostFormat FORMAT = new RedditPushshiftFormat(NORMALISER);

  @DictionaryEntries({"\"author\"", "\"body\"", "\"title\"", "\"selftext\"", "\"created_utc\"", "\"id\"", "\"name\"", "\"parent_id\"", "\"link_id\"",
      "\"subreddit\"", "\"url\"", "\"is_self\"", "\"media_metadata\"", "\"gallery_data\"", "\"crosspost_parent\"", "\"preview\"", "\"[deleted]\"",
      "\"[removed]\"", "\"t1_", "\"t3_", "&amp;", "&#x200B;"})
  @FuzzTest(maxDuration = FuzzBudget.PER_PARSER)
  void parse(byte[] payload) {
    ParserProperty.check(FORMAT.parse(payload, at("fuzz")));
  }
}

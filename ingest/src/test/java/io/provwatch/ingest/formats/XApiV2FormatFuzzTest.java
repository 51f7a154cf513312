package io.provwatch.ingest.formats;

import static io.provwatch.ingest.formats.FormatFixtures.NORMALISER;
import static io.provwatch.ingest.formats.FormatFixtures.at;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.provwatch.ingest.FuzzBudget;
import io.provwatch.ingest.ParserProperty;

/** X API v2 responses: see {@link ParserProperty}; seeds and past findings in {@code XApiV2FormatFuzzTestInputs/parse}. */
class XApiV2FormatFuzzTest {
  private static final PostFormat FORMAT = new XApiV2Format(NORMALISER);

  @DictionaryEntries({"\"data\"", "\"includes\"", "\"users\"", "\"media\"", "\"tweets\"", "\"errors\"", "\"id\"", "\"author_id\"", "\"created_at\"",
      "\"text\"", "\"lang\"", "\"entities\"", "\"urls\"", "\"expanded_url\"", "\"start\"", "\"end\"", "\"hashtags\"", "\"mentions\"",
      "\"referenced_tweets\"", "\"type\"", "\"retweeted\"", "\"quoted\"", "\"replied_to\"", "\"attachments\"", "\"media_keys\"",
      "\"media_key\"", "\"variants\"", "\"note_tweet\"", "\"edit_history_tweet_ids\"", "\"username\"", "https://t.co/"})
  @FuzzTest(maxDuration = FuzzBudget.PER_PARSER)
  void parse(byte[] payload) {
    ParserProperty.check(FORMAT.parse(payload, at("fuzz")));
  }
}

package io.provwatch.ingest.formats;

import static io.provwatch.ingest.formats.FormatFixtures.NORMALISER;
import static io.provwatch.ingest.formats.FormatFixtures.at;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.provwatch.ingest.FuzzBudget;
import io.provwatch.ingest.ParserProperty;

/** Mastodon statuses, pages and streaming events (JSON and server-sent-events text): see {@link ParserProperty}; seeds and past findings in {@code MastodonStatusFormatFuzzTestInputs/parse}. */
class MastodonStatusFormatFuzzTest {
  private static final PostFormat FORMAT = new MastodonStatusFormat("social.example", NORMALISER);

  @DictionaryEntries({"\"account\"", "\"content\"", "\"created_at\"", "\"reblog\"", "\"in_reply_to_id\"", "\"media_attachments\"",
      "\"edited_at\"", "\"spoiler_text\"", "\"quote\"", "\"quoted_status\"", "\"mentions\"", "\"tags\"", "\"statuses\"", "\"ancestors\"",
      "\"status\"", "\"event\"", "\"payload\"", "\"update\"", "\"status.update\"", "\"delete\"", "\"notification\"", "event: ", "data: ",
      "<a href=\"", "<p>", "<br>"})
  @FuzzTest(maxDuration = FuzzBudget.PER_PARSER)
  void parse(byte[] payload) {
    ParserProperty.check(FORMAT.parse(payload, at("fuzz")));
  }
}

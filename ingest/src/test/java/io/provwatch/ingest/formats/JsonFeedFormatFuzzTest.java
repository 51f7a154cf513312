package io.provwatch.ingest.formats;

import static io.provwatch.ingest.formats.FormatFixtures.NORMALISER;
import static io.provwatch.ingest.formats.FormatFixtures.at;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.provwatch.ingest.FuzzBudget;
import io.provwatch.ingest.ParserProperty;

/** JSON Feed documents: see {@link ParserProperty}; seeds and past findings in {@code JsonFeedFormatFuzzTestInputs/parse}. */
class JsonFeedFormatFuzzTest {
  private static final PostFormat FORMAT = new JsonFeedFormat(NORMALISER);

  @DictionaryEntries({"\"version\"", "\"https://jsonfeed.org/version/1.1\"", "\"title\"", "\"home_page_url\"", "\"feed_url\"", "\"items\"", "\"id\"",
      "\"url\"", "\"external_url\"", "\"content_html\"", "\"content_text\"", "\"summary\"", "\"date_published\"", "\"date_modified\"",
      "\"authors\"", "\"author\"", "\"name\"", "\"tags\"", "\"attachments\"", "\"mime_type\"", "\"language\""})
  @FuzzTest(maxDuration = FuzzBudget.PER_PARSER)
  void parse(byte[] payload) {
    ParserProperty.check(FORMAT.parse(payload, at("fuzz")));
  }
}

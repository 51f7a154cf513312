package io.provwatch.ingest.formats;

import static io.provwatch.ingest.formats.FormatFixtures.NORMALISER;
import static io.provwatch.ingest.formats.FormatFixtures.at;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.provwatch.ingest.FuzzBudget;
import io.provwatch.ingest.ParserProperty;

/** CSV files with a column mapping: see {@link ParserProperty}; seeds and past findings in {@code CsvFormatFuzzTestInputs/parse}. */
class CsvFormatFuzzTest {
  private static final PostFormat FORMAT = new CsvFormat(CsvColumns.parse(
      "id=post_id,author.id=account,author.handle=handle,createdAt=created,text=body,hashtags=tags,urls=links,replyTo=reply_to,language=lang,platform=x"),
      NORMALISER);

  @DictionaryEntries({"post_id", "account", "handle", "created", "body", "tags", "links", "reply_to", "lang", "\"",
      "2026-11-20T09:15:00Z", "1763630400", "2026-11-20 09:15:00", "https://"})
  @FuzzTest(maxDuration = FuzzBudget.PER_PARSER)
  void parse(byte[] payload) {
    ParserProperty.check(FORMAT.parse(payload, at("fuzz")));
  }
}

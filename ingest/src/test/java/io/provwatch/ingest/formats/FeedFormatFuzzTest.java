package io.provwatch.ingest.formats;

import static io.provwatch.ingest.formats.FormatFixtures.NORMALISER;
import static io.provwatch.ingest.formats.FormatFixtures.at;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.provwatch.ingest.FuzzBudget;
import io.provwatch.ingest.ParserProperty;

/** RSS 0.9x/1.0/2.0, Atom and Media RSS documents: see {@link ParserProperty}; seeds and past findings in {@code FeedFormatFuzzTestInputs/parse}. */
class FeedFormatFuzzTest {
  private static final PostFormat FORMAT = new FeedFormat(NORMALISER);

  @DictionaryEntries({"<rss version=\"2.0\">", "<channel>", "<item>", "<title>", "<link>", "<guid>", "<pubDate>", "<description>",
      "<feed xmlns=\"http://www.w3.org/2005/Atom\">", "<entry>", "<id>", "<updated>", "<published>", "<content type=\"html\">",
      "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">",
      "xmlns:media=\"http://search.yahoo.com/mrss/\"", "<media:content url=\"", "<enclosure url=\"", "<category>", "<![CDATA[", "&amp;",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "Fri, 20 Nov 2026 09:15:00 +0000", "2026-11-20T09:15:00Z"})
  @FuzzTest(maxDuration = FuzzBudget.PER_PARSER)
  void parse(byte[] payload) {
    ParserProperty.check(FORMAT.parse(payload, at("fuzz")));
  }
}

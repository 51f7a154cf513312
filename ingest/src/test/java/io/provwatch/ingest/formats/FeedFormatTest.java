package io.provwatch.ingest.formats;

import static io.provwatch.ingest.formats.FormatFixtures.NORMALISER;
import static io.provwatch.ingest.formats.FormatFixtures.at;
import static io.provwatch.ingest.formats.FormatFixtures.fixture;
import static io.provwatch.ingest.formats.FormatFixtures.parsed;
import static io.provwatch.ingest.formats.FormatFixtures.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Media;
import io.provwatch.avro.Post;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection.Code;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedFormatTest {
  private final FeedFormat format = new FeedFormat(NORMALISER);

  private List<ParseResult> parse(String file, int expectedEntries) {
    List<ParseResult> results = format.parse(fixture("feeds/" + file), at(file));
    assertThat(results).hasSize(expectedEntries);
    return results;
  }

  @Test
  void rss2ItemWithContentEnclosureAndMediaRss() {
    List<ParseResult> results = parse("rss2.xml", 3);
    Post post = parsed(results.get(0));
    assertThat(post.getId()).isEqualTo("rss:urn:example:report-7");
    assertThat(post.getPlatform()).isEqualTo("rss");
    assertThat(post.getAuthor().getId()).isEqualTo("https://news.example/");
    assertThat(post.getAuthor().getDisplayName()).isEqualTo("Example News");
    assertThat(post.getAuthor().getHandle()).isEqualTo("Dana Desk");
    assertThat(post.getCreatedAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
    assertThat(post.getText()).as("ISO-8859-1 decoded, entities resolved, the full content over the summary")
        .isEqualTo("The report & its caf\u00e9 data\n\nThe full text, with a data set.\n\nCaf\u00e9 au lait.");
    assertThat(post.getUrls()).containsExactly("https://news.example/report?id=7", "https://data.example/set.csv");
    assertThat(post.getOriginalUrls().get(0)).isEqualTo("https://news.example/report?utm_source=rss&id=7");
    assertThat(post.getHashtags()).containsExactly("open data");
    assertThat(post.getLanguage()).isEqualTo("en-GB");
    assertThat(post.getMedia()).as("the enclosure and its Media RSS twin are one").extracting(Media::getUrl, Media::getMimeType).containsExactly(
        org.assertj.core.groups.Tuple.tuple("https://news.example/audio/report.mp3", "audio/mpeg"),
        org.assertj.core.groups.Tuple.tuple("https://news.example/img/chart.png", "image/png"));
    assertThat(post.getSource().getPosition()).isEqualTo("rss2.xml#entry[0]");

    Post relative = parsed(results.get(1));
    assertThat(relative.getId()).as("no guid: the link, resolved against the feed").isEqualTo("rss:https://news.example/story/8");
    assertThat(relative.getCreatedAt()).as("undated: the channel's date").isEqualTo(Instant.parse("2026-11-20T08:00:00Z"));

    assertThat(rejected(results.get(2)).message()).isEqualTo("missing required field 'entry[2] id or link'");
  }

  @Test
  void atomEntryWithHtmlTitleUpdatesAndMediaGroup() {
    List<ParseResult> results = parse("atom.xml", 2);
    Post post = parsed(results.get(0));
    assertThat(post.getId()).isEqualTo("rss:yt:video:abc123");
    assertThat(post.getAuthor().getId()).isEqualTo("https://video.example/channel/UCexample");
    assertThat(post.getText()).isEqualTo("Quanten Navigation\n\nEin Video\n\u00fcber Verschr\u00e4nkung.");
    assertThat(post.getCreatedAt()).isEqualTo(Instant.parse("2026-11-18T19:15:01Z"));
    assertThat(post.getEditedAt()).isEqualTo(Instant.parse("2026-11-20T23:12:12Z"));
    assertThat(post.getUrls()).containsExactly("https://video.example/watch?v=abc123&feature=share");
    assertThat(post.getMedia()).extracting(Media::getUrl).containsExactly("https://video.example/v/abc123?version=3");

    Post updated = parsed(results.get(1));
    assertThat(updated.getCreatedAt()).isEqualTo(Instant.parse("2026-11-19T10:00:00Z"));
    assertThat(updated.getEditedAt()).isNull();
    assertThat(updated.getText()).as("a text summary keeps its angle brackets").isEqualTo("Only updated\n\nPlain <not a tag> summary");
  }

  @Test
  void rss1ItemsAreDatedByDublinCore() {
    Post post = parsed(parse("rss1.xml", 1).get(0));
    assertThat(post.getId()).isEqualTo("rss:https://preprints.example/content/2026.11.16.571984v1?rss=1");
    assertThat(post.getCreatedAt()).isEqualTo(Instant.parse("2026-11-16T00:00:00Z"));
    assertThat(post.getAuthor().getHandle()).isEqualTo("Lapalu, N., Simon, A.");
  }

  @Test
  void brokenForeignAndDoctypeDocumentsAreRejected() {
    assertThat(rejected(parse("broken.xml", 1).get(0)).code()).isEqualTo(Code.MALFORMED_XML);
    assertThat(rejected(parse("html.xml", 1).get(0)).code()).isEqualTo(Code.MALFORMED_XML);
    assertThat(rejected(parse("doctype.xml", 1).get(0)).code()).as("no external entities").isEqualTo(Code.MALFORMED_XML);
    assertThat(rejected(format.parse(new byte[0], at("empty")).get(0)).code()).isEqualTo(Code.MALFORMED_XML);
  }
}

package io.provwatch.ingest.formats;

import static io.provwatch.ingest.formats.FormatFixtures.NORMALISER;
import static io.provwatch.ingest.formats.FormatFixtures.at;
import static io.provwatch.ingest.formats.FormatFixtures.fixture;
import static io.provwatch.ingest.formats.FormatFixtures.parsed;
import static io.provwatch.ingest.formats.FormatFixtures.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.avro.Post;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection.Code;
import io.provwatch.ingest.formats.CsvColumns.Field;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CsvFormatTest {
  private static final CsvColumns POSTS = CsvColumns.parse(
      "platform=x, id=post_id, author.id=account, author.handle=handle, createdAt=created, text=body, hashtags=tags, urls=links, replyTo=reply_to, language=lang");

  private List<ParseResult> parse(CsvColumns columns, String file, int expectedRows) {
    List<ParseResult> results = new CsvFormat(columns, NORMALISER).parse(fixture("csv/" + file), at(file));
    assertThat(results).hasSize(expectedRows);
    return results;
  }

  @Test
  void rowsBecomePostsByTheMapping() {
    List<ParseResult> results = parse(POSTS, "posts.csv", 7);
    Post first = parsed(results.get(0));
    assertThat(first.getId()).isEqualTo("x:1001");
    assertThat(first.getPlatform()).isEqualTo("x");
    assertThat(first.getAuthor().getId()).isEqualTo("u1");
    assertThat(first.getAuthor().getHandle()).isEqualTo("alice");
    assertThat(first.getCreatedAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
    assertThat(first.getText()).isEqualTo("The report is out, finally");
    assertThat(first.getHashtags()).containsExactly("opendata", "reports");
    assertThat(first.getUrls()).containsExactly("https://news.example/report", "https://data.example/set.csv");
    assertThat(first.getOriginalUrls()).first().isEqualTo("https://news.example/report?utm_source=csv");
    assertThat(first.getLanguage()).isEqualTo("en");
    assertThat(first.getSource().getPosition()).isEqualTo("posts.csv#row[0]");

    Post second = parsed(results.get(1));
    assertThat(second.getId()).as("an id with the prefix keeps one").isEqualTo("x:1002");
    assertThat(second.getText()).as("a quoted cell across lines").isEqualTo("Replying\non two lines");
    assertThat(second.getCreatedAt()).as("epoch seconds").isEqualTo(Instant.ofEpochSecond(1763630400));
    assertThat(second.getReplyTo()).isEqualTo("x:1001");

    Post third = parsed(results.get(2));
    assertThat(third.getCreatedAt()).as("epoch milliseconds").isEqualTo(Instant.ofEpochMilli(1763630400123L));
    assertThat(third.getTextAnomalies()).isEqualTo(Map.of("zeroWidth", 1));
    assertThat(third.getReplyTo()).isEqualTo("x:1001");
    assertThat(third.getAuthor().getHandle()).as("an empty cell is no value").isNull();

    assertThat(parsed(results.get(3)).getCreatedAt()).as("spreadsheet time, UTC").isEqualTo(Instant.parse("2026-11-20T09:30:00Z"));
    assertThat(rejected(results.get(4)).message()).isEqualTo("missing required field 'row[4].post_id'");
    assertThat(rejected(results.get(5)).message()).contains("row[5].created").contains("last tuesday");
    assertThat(parsed(results.get(6)).getCreatedAt()).isEqualTo(Instant.parse("2026-11-20T08:32:00Z"));
  }

  @Test
  void thePlatformCanBeAColumnAndTheDelimiterChosen() {
    CsvColumns columns = CsvColumns.parse("platform=@platform, id=id, author.id=author, createdAt=time, text=text, delimiter=;");
    List<ParseResult> results = parse(columns, "mixed.csv", 3);
    assertThat(parsed(results.get(0)).getId()).isEqualTo("mastodon:m.example/1");
    assertThat(parsed(results.get(1)).getId()).isEqualTo("bluesky:at://did:plc:x/app.bsky.feed.post/1");
    assertThat(rejected(results.get(2)).message()).contains("row[2].platform").contains("Not A Platform");
  }

  @Test
  void brokenCsvIsRejected() {
    List<ParseResult> unterminated = parse(CsvColumns.parse("platform=x, id=post_id, author.id=account, createdAt=created, text=body"), "unterminated.csv", 2);
    assertThat(parsed(unterminated.get(0)).getId()).isEqualTo("x:1");
    assertThat(rejected(unterminated.get(1)).code()).isEqualTo(Code.MALFORMED_CSV);
    assertThat(rejected(unterminated.get(1)).message()).contains("row 1");

    List<ParseResult> wrongHeader = new CsvFormat(POSTS, NORMALISER).parse("a,b\n1,2\n", at("w"));
    assertThat(rejected(wrongHeader.get(0)).message()).startsWith("column 'post_id' (for id) is not in the header");
    assertThat(rejected(new CsvFormat(POSTS, NORMALISER).parse("", at("e")).get(0)).code()).isEqualTo(Code.MALFORMED_CSV);
    assertThat(rejected(new CsvFormat(POSTS, NORMALISER).parse("a,a\n1,2\n", at("d")).get(0)).code()).as("duplicate header").isEqualTo(Code.MALFORMED_CSV);
  }

  @Test
  void mappingsNeedIdAuthorTimeAndPlatform() {
    assertThatThrownBy(() -> CsvColumns.parse("platform=x, id=a, author.id=b")).hasMessageContaining("createdAt");
    assertThatThrownBy(() -> CsvColumns.parse("id=a, author.id=b, createdAt=c")).hasMessageContaining("platform");
    assertThatThrownBy(() -> CsvColumns.parse("platform=x, id=a, author.id=b, createdAt=c, colour=d")).hasMessageContaining("unknown post field 'colour'");
    assertThatThrownBy(() -> CsvColumns.parse("platform=X Y, id=a, author.id=b, createdAt=c")).hasMessageContaining("platform must be");
    assertThat(CsvColumns.parse("platform=x,id=a,author.id=b,createdAt=c,delimiter=tab").delimiter()).isEqualTo('\t');
    assertThat(CsvColumns.parse("platform=x,id=a,author.id=b,createdAt=c").columns()).containsEntry(Field.AUTHOR_ID, "b");
  }
}

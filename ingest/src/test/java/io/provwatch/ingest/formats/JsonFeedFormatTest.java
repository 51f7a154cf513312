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

class JsonFeedFormatTest {
  private final JsonFeedFormat format = new JsonFeedFormat(NORMALISER);

  @Test
  void itemsBecomePostsOfTheFeed() {
    List<ParseResult> results = format.parse(fixture("feeds/feed.json"), at("feed.json"));
    assertThat(results).hasSize(4);
    Post post = parsed(results.get(0));
    assertThat(post.getId()).isEqualTo("rss:https://links.example/2026/11/20/report");
    assertThat(post.getAuthor().getId()).isEqualTo("https://links.example/");
    assertThat(post.getAuthor().getDisplayName()).isEqualTo("Example Linkblog");
    assertThat(post.getAuthor().getHandle()).isEqualTo("Lee Links");
    assertThat(post.getText()).isEqualTo("The report is out\n\nGood summary from the paper.");
    assertThat(post.getUrls()).containsExactly("https://links.example/2026/11/20/report", "https://news.example/report", "https://paper.example/a");
    assertThat(post.getCreatedAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
    assertThat(post.getEditedAt()).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    assertThat(post.getHashtags()).containsExactly("opendata", "reports");
    assertThat(post.getLanguage()).isEqualTo("en");
    assertThat(post.getMedia()).extracting(Media::getUrl, Media::getMimeType).containsExactly(
        org.assertj.core.groups.Tuple.tuple("https://links.example/img/report.webp", "image/webp"),
        org.assertj.core.groups.Tuple.tuple("https://links.example/audio/report.m4a", "audio/x-m4a"));
    assertThat(post.getSource().getPosition()).isEqualTo("feed.json#items[0]");

    Post plain = parsed(results.get(1));
    assertThat(plain.getId()).as("a feed-local id").isEqualTo("rss:https://links.example/#42");
    assertThat(plain.getText()).isEqualTo("Plain text only, no title.");
    assertThat(plain.getCreatedAt()).isEqualTo(Instant.parse("2026-11-21T08:00:00Z"));
    assertThat(plain.getLanguage()).isEqualTo("de");
    assertThat(plain.getAuthor().getHandle()).as("version 1.0's author").isEqualTo("Guest");

    assertThat(rejected(results.get(2)).message()).startsWith("missing required field 'items[2] date");
    assertThat(rejected(results.get(3)).message()).startsWith("'items[3]' must be an item object");
  }

  @Test
  void notAJsonFeed() {
    assertThat(rejected(format.parse("{\"items\":[]}", at("x")).get(0)).code()).isEqualTo(Code.UNRECOGNISED_SHAPE);
    assertThat(rejected(format.parse("[]", at("x")).get(0)).code()).isEqualTo(Code.NOT_AN_OBJECT);
    assertThat(rejected(format.parse("{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{\"id\":\"1\",\"date_published\":\"2026-01-01T00:00:00Z\"}]}", at("x")).get(0)).message())
        .isEqualTo("missing required field 'home_page_url or feed_url'");
  }
}

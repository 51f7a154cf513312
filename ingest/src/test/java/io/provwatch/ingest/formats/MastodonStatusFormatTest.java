package io.provwatch.ingest.formats;

import static io.provwatch.ingest.formats.FormatFixtures.NORMALISER;
import static io.provwatch.ingest.formats.FormatFixtures.NOW;
import static io.provwatch.ingest.formats.FormatFixtures.at;
import static io.provwatch.ingest.formats.FormatFixtures.fixture;
import static io.provwatch.ingest.formats.FormatFixtures.parsed;
import static io.provwatch.ingest.formats.FormatFixtures.rejected;
import static io.provwatch.ingest.formats.FormatFixtures.skipped;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.avro.Post;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection.Code;
import io.provwatch.ingest.PostSkip.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MastodonStatusFormatTest {
  private final MastodonStatusFormat format = new MastodonStatusFormat("Social.Example", NORMALISER);

  private List<ParseResult> parse(String fixture, String position, int expectedResults) {
    List<ParseResult> results = format.parse(fixture("mastodon/" + fixture), at(position));
    assertThat(results).hasSize(expectedResults);
    return results;
  }

  @Test
  void aStatusMapsToAPostWithInstanceQualifiedIdsPlainTextAndNormalisedLinks() {
    Post post = parsed(parse("status.json", "status.json", 1).get(0));
    assertThat(post.getId()).isEqualTo("mastodon:social.example/113500000000000001");
    assertThat(post.getPlatform()).isEqualTo("mastodon");
    assertThat(post.getAuthor().getId()).isEqualTo("social.example/10001");
    assertThat(post.getAuthor().getHandle()).as("local handle gets the instance").isEqualTo("alice@social.example");
    assertThat(post.getAuthor().getDisplayName()).isEqualTo("Alice Example");
    assertThat(post.getAuthor().getCreatedAt()).isEqualTo(Instant.parse("2022-11-07T00:00:00Z"));
    assertThat(post.getCreatedAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
    assertThat(post.getEditedAt()).isEqualTo(Instant.parse("2026-11-20T09:20:30Z"));
    assertThat(post.getObservedAt()).isEqualTo(NOW);
    assertThat(post.getText()).isEqualTo("@bob The report is out: https://news.example/report?id=7&utm_source=mastodon&utm_medium=social\n\n"
        + "Read it before Friday\nand share. #OpenData");
    assertThat(post.getTextAnomalies()).as("the zero-width space in 're\\u200bport' is counted, not kept").isEqualTo(Map.of("zeroWidth", 1));
    assertThat(post.getUrls()).containsExactly("https://news.example/report?id=7");
    assertThat(post.getOriginalUrls()).containsExactly("https://news.example/report?id=7&utm_source=mastodon&utm_medium=social");
    assertThat(post.getHashtags()).containsExactly("opendata");
    assertThat(post.getMentions()).containsExactly("bob@other.example");
    assertThat(post.getLanguage()).isEqualTo("en");
    assertThat(post.getReplyTo()).isEqualTo("mastodon:social.example/113499999999999990");
    assertThat(post.getRepostOf()).isNull();
    assertThat(post.getMedia()).hasSize(2);
    assertThat(post.getMedia().get(0).getUrl()).endsWith("/original/chart.png");
    assertThat(post.getMedia().get(0).getMimeType()).isEqualTo("image/png");
    assertThat(post.getMedia().get(1).getUrl()).as("no local copy: the remote original").isEqualTo("https://cdn.other.example/clip");
    assertThat(post.getMedia().get(1).getMimeType()).as("gifv is a video").isEqualTo("video/*");
    assertThat(post.getSource().getPosition()).isEqualTo("status.json");
  }

  @Test
  void aTimelineGivesOneResultPerStatusReblogsAndQuotesReferToTheOriginal() {
    List<ParseResult> results = parse("timeline.json", "home", 4);

    Post boost = parsed(results.get(0));
    assertThat(boost.getId()).isEqualTo("mastodon:social.example/113500000000000010");
    assertThat(boost.getAuthor().getHandle()).isEqualTo("carol@far.example");
    assertThat(boost.getRepostOf()).isEqualTo("mastodon:social.example/113500000000000001");
    assertThat(boost.getText()).as("a boost carries what it amplifies").isEqualTo("The report is out: https://news.example/report");
    assertThat(boost.getMedia()).extracting(m -> m.getMimeType()).containsExactly("image/jpeg");
    assertThat(boost.getCreatedAt()).as("the boost's own time").isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    assertThat(boost.getSource().getPosition()).isEqualTo("home#[0]");

    Post quote = parsed(results.get(1));
    assertThat(quote.getQuoteOf()).isEqualTo("mastodon:social.example/113500000000000001");
    assertThat(quote.getText()).as("content warning first").isEqualTo("politics\n\nDas sehe ich anders.");
    assertThat(quote.getLanguage()).isEqualTo("de");

    assertThat(parsed(results.get(2)).getQuoteOf()).isEqualTo("mastodon:social.example/113500000000000011");

    assertThat(rejected(results.get(3)).code()).isEqualTo(Code.INVALID_FIELD);
    assertThat(rejected(results.get(3)).message()).contains("[3].created_at").contains("not a time");
  }

  @Test
  void streamingEventsOverWebSocketAndServerSentEvents() {
    Post update = parsed(format.parse(fixture("mastodon/stream_update.json"), at("ws:1")).get(0));
    assertThat(update.getId()).isEqualTo("mastodon:social.example/113500000000000020");
    assertThat(update.getText()).isEqualTo("Live from the stream");
    assertThat(update.getSource().getPosition()).isEqualTo("ws:1");

    List<ParseResult> deleted = format.parse(fixture("mastodon/stream_delete.json"), at("ws:2"));
    assertThat(skipped(deleted.get(0)).kind()).isEqualTo(Kind.DELETED);
    assertThat(skipped(deleted.get(0)).postId()).isEqualTo("mastodon:social.example/113500000000000011");

    List<ParseResult> sse = format.parse(fixture("mastodon/stream.sse"), at("sse"));
    assertThat(sse).hasSize(4);
    assertThat(parsed(sse.get(0)).getEditedAt()).isEqualTo(Instant.parse("2026-11-20T12:01:00Z"));
    Post edited = parsed(sse.get(1));
    assertThat(edited.getId()).as("an edit keeps the id").isEqualTo("mastodon:social.example/113500000000000030");
    assertThat(edited.getText()).isEqualTo("edited twice");
    assertThat(edited.getSource().getPosition()).isEqualTo("sse#event[1]");
    assertThat(skipped(sse.get(2)).postId()).isEqualTo("mastodon:social.example/113500000000000031");
    assertThat(skipped(sse.get(3)).kind()).isEqualTo(Kind.NOT_A_POST);

    List<ParseResult> one = format.parseStreamingEvent("status.update", "{\"id\":\"9\",\"created_at\":\"2026-11-20T12:00:00Z\",\"content\":\"x\",\"account\":{\"id\":\"1\"}}", at("sse:9"));
    assertThat(parsed(one.get(0)).getId()).isEqualTo("mastodon:social.example/9");
  }

  @Test
  void contextNotificationsAccountsAndEditHistory() {
    List<ParseResult> context = format.parse(fixture("mastodon/context.json"), at("ctx"));
    assertThat(context).hasSize(2);
    assertThat(parsed(context.get(1)).getReplyTo()).isEqualTo("mastodon:social.example/113500000000000001");
    assertThat(parsed(context.get(1)).getSource().getPosition()).isEqualTo("ctx#descendants[0]");

    List<ParseResult> notifications = format.parse(fixture("mastodon/notifications.json"), at("n"));
    Post mention = parsed(notifications.get(0));
    assertThat(mention.getText()).isEqualTo("@alice see you");
    assertThat(mention.getMentions()).containsExactly("alice@social.example");
    assertThat(mention.getUrls()).as("a mention link is no link").isEmpty();
    assertThat(skipped(notifications.get(1)).kind()).isEqualTo(Kind.NOT_A_POST);

    assertThat(skipped(format.parse(fixture("mastodon/account.json"), at("a")).get(0)).message()).contains("account alice");
    List<ParseResult> edits = format.parse(fixture("mastodon/status_edit_history.json"), at("h"));
    assertThat(edits).hasSize(2).allSatisfy(r -> assertThat(skipped(r).kind()).isEqualTo(Kind.NOT_A_POST));
  }

  @Test
  void malformedPayloadsAreRejectedWithCodeAndField() {
    assertThat(rejected(format.parse("{\"id\":", at("x")).get(0)).code()).isEqualTo(Code.MALFORMED_JSON);
    assertThat(rejected(format.parse("42", at("x")).get(0)).code()).isEqualTo(Code.NOT_AN_OBJECT);
    assertThat(rejected(format.parse("{\"foo\":1}", at("x")).get(0)).code()).isEqualTo(Code.UNRECOGNISED_SHAPE);
    assertThat(rejected(format.parse("{\"id\":\"1\",\"content\":\"x\",\"created_at\":\"2026-01-01T00:00:00Z\"}", at("x")).get(0)).message())
        .isEqualTo("missing required field 'account'");
    assertThat(rejected(format.parse("{\"id\":\"1\",\"content\":\"x\",\"created_at\":\"2026-01-01T00:00:00Z\",\"account\":{\"id\":[1]}}", at("x")).get(0)).message())
        .contains("'account.id' must be a string");
    assertThat(rejected(format.parse("{\"id\":\"a/b\",\"content\":\"x\",\"created_at\":\"2026-01-01T00:00:00Z\",\"account\":{\"id\":\"1\"}}", at("x")).get(0)).message())
        .contains("'id'").contains("a/b");
    assertThat(rejected(format.parse("{\"event\":\"update\",\"payload\":\"{not json\"}", at("x")).get(0)).message()).startsWith("'payload' holds not valid JSON");
    assertThat(rejected(format.parse("{\"event\":\"delete\"}", at("x")).get(0)).code()).isEqualTo(Code.MISSING_FIELD);
    assertThat(rejected(format.parse("[1]", at("x")).get(0)).code()).isEqualTo(Code.NOT_AN_OBJECT);
  }

  @Test
  void theInstanceMustBeAHostName() {
    assertThatThrownBy(() -> new MastodonStatusFormat("https://x", NORMALISER)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new MastodonStatusFormat(null, NORMALISER)).isInstanceOf(IllegalArgumentException.class);
  }
}

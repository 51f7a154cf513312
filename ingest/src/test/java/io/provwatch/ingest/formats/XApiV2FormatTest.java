package io.provwatch.ingest.formats;

import static io.provwatch.ingest.formats.FormatFixtures.NORMALISER;
import static io.provwatch.ingest.formats.FormatFixtures.at;
import static io.provwatch.ingest.formats.FormatFixtures.lines;
import static io.provwatch.ingest.formats.FormatFixtures.parsed;
import static io.provwatch.ingest.formats.FormatFixtures.rejected;
import static io.provwatch.ingest.formats.FormatFixtures.skipped;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Media;
import io.provwatch.avro.Post;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection.Code;
import io.provwatch.ingest.PostSkip.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class XApiV2FormatTest {
  private final XApiV2Format format = new XApiV2Format(NORMALISER);
  private final List<String> responses = lines("x/responses.jsonl");

  private List<ParseResult> page() {
    List<ParseResult> results = format.parse(responses.get(0), at("search.jsonl:1"));
    assertThat(results).as("one result per tweet of data").hasSize(6);
    return results;
  }

  @Test
  void aTweetIsJoinedWithItsAuthorAndMediaAndItsLinksExpanded() {
    Post post = parsed(page().get(0));
    assertThat(post.getId()).isEqualTo("x:1800000000000000001");
    assertThat(post.getPlatform()).isEqualTo("x");
    assertThat(post.getAuthor().getId()).isEqualTo("101");
    assertThat(post.getAuthor().getHandle()).isEqualTo("alice_a");
    assertThat(post.getAuthor().getDisplayName()).isEqualTo("Alice A");
    assertThat(post.getAuthor().getCreatedAt()).isEqualTo(Instant.parse("2012-02-17T23:34:50Z"));
    assertThat(post.getCreatedAt()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
    assertThat(post.getEditedAt()).isNull();
    assertThat(post.getText()).as("unescaped, t.co resolved, the media link dropped")
        .isEqualTo("Report out & data too: https://news.example/report?utm_source=twitter #OpenData @bob_b");
    assertThat(post.getUrls()).containsExactly("https://news.example/report");
    assertThat(post.getOriginalUrls()).containsExactly("https://news.example/report?utm_source=twitter");
    assertThat(post.getHashtags()).containsExactly("opendata");
    assertThat(post.getMentions()).containsExactly("bob_b");
    assertThat(post.getLanguage()).isEqualTo("en");
    assertThat(post.getMedia()).extracting(Media::getUrl, Media::getMimeType).containsExactly(
        org.assertj.core.groups.Tuple.tuple("https://pbs.twimg.com/media/AbCdEf.jpg", "image/jpeg"),
        org.assertj.core.groups.Tuple.tuple("https://video.twimg.com/ext_tw_video/2/pu/vid/1280x720/high.mp4?tag=12", "video/mp4"));
    assertThat(post.getSource().getPosition()).isEqualTo("search.jsonl:1#data[0]");
  }

  @Test
  void referencedTweetsAndEditsMapToTheFirstVersion() {
    List<ParseResult> results = page();
    assertThat(parsed(results.get(1)).getRepostOf()).isEqualTo("x:1800000000000000001");

    Post edited = parsed(results.get(2));
    assertThat(edited.getId()).as("an edit is known by its first id").isEqualTo("x:1800000000000000003");
    assertThat(edited.getCreatedAt()).as("the first version's time").isEqualTo(Instant.parse("2026-11-20T09:10:00Z"));
    assertThat(edited.getEditedAt()).isEqualTo(Instant.parse("2026-11-20T09:12:00Z"));
    assertThat(edited.getText()).isEqualTo("@alice_a this, corrected https://twitter.com/alice_a/status/1800000000000000001");
    assertThat(edited.getQuoteOf()).isEqualTo("x:1800000000000000001");
    assertThat(edited.getReplyTo()).isEqualTo("x:1800000000000000001");
    assertThat(edited.getLanguage()).as("qme: media only, no language").isNull();

    Post note = parsed(results.get(3));
    assertThat(note.getText()).isEqualTo("Long form of a note tweet with a link https://long.example/ and more");
    assertThat(note.getHashtags()).containsExactly("long");
    assertThat(note.getReplyTo()).as("a reply to an old version leads to the post").isEqualTo("x:1800000000000000003");
    assertThat(note.getAuthor().getHandle()).as("author not in includes").isNull();

    assertThat(rejected(results.get(4)).message()).isEqualTo("missing required field 'data[4].author_id'");
    assertThat(rejected(results.get(5)).message()).contains("data[5].referenced_tweets[0].type").contains("liked");
  }

  @Test
  void usersAreSkippedErrorsAboutTweetsNameThemAndStreamMessagesHoldOneTweet() {
    List<ParseResult> users = format.parse(responses.get(1), at("users.jsonl:1"));
    assertThat(users).hasSize(3);
    assertThat(skipped(users.get(0)).message()).isEqualTo("X user @alice_a, not a tweet");
    assertThat(skipped(users.get(1)).kind()).isEqualTo(Kind.UNAVAILABLE);
    assertThat(skipped(users.get(1)).postId()).isEqualTo("x:1700000000000000000");
    assertThat(skipped(users.get(2)).kind()).isEqualTo(Kind.NOT_A_POST);

    List<ParseResult> stream = format.parse(responses.get(2), at("stream:1"));
    assertThat(stream).hasSize(1);
    assertThat(parsed(stream.get(0)).getId()).isEqualTo("x:1800000000000000010");
    assertThat(parsed(stream.get(0)).getSource().getPosition()).isEqualTo("stream:1");
  }

  @Test
  void malformedResponses() {
    assertThat(rejected(format.parse("[]", at("x")).get(0)).code()).isEqualTo(Code.NOT_AN_OBJECT);
    assertThat(rejected(format.parse("{\"statuses\":[]}", at("x")).get(0)).code()).isEqualTo(Code.UNRECOGNISED_SHAPE);
    assertThat(rejected(format.parse("{\"data\":[{\"id\":\"12a\",\"text\":\"x\",\"author_id\":\"1\",\"created_at\":\"2026-01-01T00:00:00Z\"}]}", at("x")).get(0)).message())
        .isEqualTo("'data[0].id' must be a numeric X id, got '12a'");
    assertThat(rejected(format.parse("{\"data\":[{\"id\":\"1\"}]}", at("x")).get(0)).code()).isEqualTo(Code.MISSING_FIELD);
    assertThat(rejected(format.parse("{\"data\":\"tweets\"}", at("x")).get(0)).message()).contains("'data' must be an array");
    assertThat(format.parse("{\"meta\":{\"result_count\":0}}", at("x"))).as("an empty page").isEmpty();
  }
}

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
import io.provwatch.ingest.PostRejection;
import io.provwatch.ingest.PostRejection.Code;
import io.provwatch.ingest.PostSkip.Kind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedditPushshiftFormatTest {
  private final RedditPushshiftFormat format = new RedditPushshiftFormat(NORMALISER);

  private ParseResult line(String file, int index) {
    List<ParseResult> results = format.parse(lines("reddit/" + file).get(index), at(file + ":" + (index + 1)));
    assertThat(results).hasSize(1);
    return results.get(0);
  }

  @Test
  void aSelfPostIsTitleAndTextUnescapedWithItsLinksAndMentions() {
    Post post = parsed(line("submissions.ndjson", 0));
    assertThat(post.getId()).isEqualTo("reddit:t3_1xyz001");
    assertThat(post.getAuthor().getId()).isEqualTo("opendata_fan");
    assertThat(post.getAuthor().getCreatedAt()).isEqualTo(Instant.ofEpochSecond(1600000000));
    assertThat(post.getCreatedAt()).isEqualTo(Instant.ofEpochSecond(1763630100));
    assertThat(post.getEditedAt()).isEqualTo(Instant.ofEpochMilli(1763630400500L));
    assertThat(post.getText()).isEqualTo("Where is the report & its data?\n\nHas anyone seen it? Q&A below <3\n\n\n\n"
        + "Ping u/report_bot and see https://news.example/report?utm_source=reddit&id=7.");
    assertThat(post.getTextAnomalies()).as("Reddit's &#x200B; blank-line filler").isEqualTo(Map.of("zeroWidth", 1));
    assertThat(post.getUrls()).as("a self post's own permalink is no link").containsExactly("https://news.example/report?id=7");
    assertThat(post.getMentions()).containsExactly("report_bot");
    assertThat(post.getSource().getPosition()).isEqualTo("submissions.ndjson:1");
  }

  @Test
  void linkImageGalleryCrosspostAndOldSubmissions() {
    Post link = parsed(line("submissions.ndjson", 1));
    assertThat(link.getCreatedAt()).as("string seconds").isEqualTo(Instant.ofEpochSecond(1763630200));
    assertThat(link.getUrls()).containsExactly("https://news.example/report?id=7");
    assertThat(link.getOriginalUrls()).containsExactly("https://news.example/report?id=7&fbclid=XYZ");

    Post image = parsed(line("submissions.ndjson", 2));
    assertThat(image.getMedia()).extracting(Media::getUrl, Media::getMimeType).containsExactly(org.assertj.core.groups.Tuple.tuple("https://i.redd.it/abcdef123.png", "image/png"));

    Post gallery = parsed(line("submissions.ndjson", 3));
    assertThat(gallery.getText()).as("removed self text: the title stays").isEqualTo("Two charts");
    assertThat(gallery.getMedia()).extracting(Media::getUrl).containsExactly("https://preview.redd.it/img1.jpg?width=1000&format=pjpg&s=abc", "https://i.redd.it/img2.gif");
    assertThat(gallery.getMedia()).extracting(Media::getMimeType).containsExactly("image/jpeg", "image/gif");

    Post crosspost = parsed(line("submissions.ndjson", 4));
    assertThat(crosspost.getRepostOf()).isEqualTo("reddit:t3_1xyz001");
    assertThat(crosspost.getMedia()).extracting(Media::getMimeType).containsExactly("video/mp4");

    Post old = parsed(line("submissions.ndjson", 5));
    assertThat(old.getId()).isEqualTo("reddit:t3_87");
    assertThat(old.getUrls()).containsExactly("http://www.downingstreetmemo.com");
  }

  @Test
  void commentsReplyToTheirParentDeletedAndRemovedAreSkipped() {
    Post top = parsed(line("comments.ndjson", 0));
    assertThat(top.getId()).isEqualTo("reddit:t1_kod0001");
    assertThat(top.getReplyTo()).isEqualTo("reddit:t3_1xyz001");
    assertThat(top.getUrls()).containsExactly("https://news.example/report");
    assertThat(top.getMentions()).containsExactly("linker");
    assertThat(top.getEditedAt()).as("edited: false").isNull();

    Post reply = parsed(line("comments.ndjson", 1));
    assertThat(reply.getReplyTo()).isEqualTo("reddit:t1_kod0001");
    assertThat(reply.getText()).isEqualTo("> Found it\n\nGreat");

    assertThat(skipped(line("comments.ndjson", 2))).satisfies(s -> {
      assertThat(s.kind()).isEqualTo(Kind.DELETED);
      assertThat(s.postId()).isEqualTo("reddit:t1_kod0003");
    });
    assertThat(skipped(line("comments.ndjson", 3)).kind()).isEqualTo(Kind.UNAVAILABLE);
  }

  @Test
  void malformedThingsAreRejectedNamingTheField() {
    List<PostRejection> rejections = java.util.stream.IntStream.range(4, 9).mapToObj(i -> rejected(line("comments.ndjson", i))).toList();
    assertThat(rejections).extracting(PostRejection::message).containsExactly(
        "missing required field 'created_utc'",
        "'parent_id' must be a Reddit fullname like t3_abc12, got '1xyz001'",
        "'created_utc' must be seconds since 1970 as a number, got 'yesterday'",
        "missing required field 'author'",
        "neither a Reddit comment (body, parent_id) nor a submission (title)");
    assertThat(rejections.get(4).code()).isEqualTo(Code.UNRECOGNISED_SHAPE);
    assertThat(rejected(format.parse("{\"title\":\"t\",\"author\":\"a\",\"created_utc\":1,\"id\":\"../x\"}", at("x")).get(0)).message()).contains("'id'");
    assertThat(rejected(format.parse("not json", at("x")).get(0)).code()).isEqualTo(Code.MALFORMED_JSON);
    // found by the fuzzer (RedditPushshiftFormatFuzzTestInputs/parse/crash-comment-without-body.json): it threw
    assertThat(rejected(format.parse("{\"author\":\"a\",\"created_utc\":1,\"id\":\"k1\",\"parent_id\":\"t3_x\"}", at("x")).get(0)))
        .isEqualTo(PostRejection.of(Code.MISSING_FIELD, "missing required field 'body'"));
  }

  @Test
  void unescapingDecodesRedditsEscapesThenEntities() {
    assertThat(RedditPushshiftFormat.unescape("a &amp;amp; b &lt;i&gt; &amp;#128512; &amp;#x110000;")).isEqualTo("a &amp; b <i> \uD83D\uDE00 \uFFFD");
  }
}

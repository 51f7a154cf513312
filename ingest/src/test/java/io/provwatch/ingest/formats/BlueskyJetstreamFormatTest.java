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

class BlueskyJetstreamFormatTest {
  private static final String ALICE = "did:plc:aaaa1111bbbb2222cccc3333";
  private static final String IMAGE_SHA256 = "94a9902874647d54d4677cb4de135c1acbece858d696d6afb94e89f6a7504a53";
  private final BlueskyJetstreamFormat format = new BlueskyJetstreamFormat(NORMALISER);
  private final List<String> events = lines("bluesky/jetstream.jsonl");

  private ParseResult line(List<String> lines, int index) {
    List<ParseResult> results = format.parse(lines.get(index), at("jetstream.jsonl:" + (index + 1)));
    assertThat(results).as("one result per event").hasSize(1);
    return results.get(0);
  }

  @Test
  void aPostWithFacetsAndAnExternalEmbed() {
    Post post = parsed(line(events, 0));
    assertThat(post.getId()).isEqualTo("bluesky:at://" + ALICE + "/app.bsky.feed.post/3mptbyoeyc22k");
    assertThat(post.getPlatform()).isEqualTo("bluesky");
    assertThat(post.getAuthor().getId()).isEqualTo(ALICE);
    assertThat(post.getAuthor().getHandle()).isNull();
    assertThat(post.getCreatedAt()).isEqualTo(Instant.parse("2026-11-20T14:38:06.240Z"));
    assertThat(post.getText()).isEqualTo("news.example/report?utm_sou... @bob.test #OpenData");
    assertThat(post.getUrls()).as("the facet and the embed name one link").containsExactly("https://news.example/report");
    assertThat(post.getOriginalUrls()).containsExactly("https://news.example/report?utm_source=bsky");
    assertThat(post.getMentions()).containsExactly("did:plc:dddd4444eeee5555ffff6666");
    assertThat(post.getHashtags()).containsExactly("opendata");
    assertThat(post.getLanguage()).isEqualTo("en-US");
    assertThat(post.getMedia()).as("an external embed's thumbnail is no attachment").isEmpty();
    assertThat(post.getSource().getPosition()).isEqualTo("jetstream.jsonl:1#time_us=1783175888090631");
  }

  @Test
  void quoteWithImagesAndReplyCarryReferencesAndTheBlobDigest() {
    Post post = parsed(line(events, 1));
    assertThat(post.getQuoteOf()).isEqualTo("bluesky:at://did:plc:dddd4444eeee5555ffff6666/app.bsky.feed.post/3mmojbrjwbs26");
    assertThat(post.getReplyTo()).as("the parent, not the root").isEqualTo("bluesky:at://did:plc:dddd4444eeee5555ffff6666/app.bsky.feed.post/3mmojbrjwbs27");
    assertThat(post.getHashtags()).containsExactly("extra");
    Media image = post.getMedia().get(0);
    assertThat(image.getUrl()).isEqualTo("https://cdn.bsky.app/img/feed_fullsize/plain/" + ALICE + "/bafkreieuvgicq5depvkniz34wtpbgxa2zpwoqwgws3lk7okorh3kouckkm@jpeg");
    assertThat(image.getMimeType()).isEqualTo("image/jpeg");
    assertThat(image.getSha256()).as("a blob CID is the SHA-256 of its bytes").isEqualTo(IMAGE_SHA256);
  }

  @Test
  void videoRepostDeleteAndEdit() {
    Post video = parsed(line(events, 2));
    assertThat(video.getMedia().get(0).getMimeType()).isEqualTo("video/mp4");
    assertThat(video.getMedia().get(0).getSha256()).isEqualTo("1148589d01123194754c48fb79461def61235af08f1d330d35369d709d56fed9");
    assertThat(video.getText()).isEqualTo("Video");
    assertThat(video.getTextAnomalies()).isEqualTo(Map.of("zeroWidth", 1));
    assertThat(video.getLanguage()).isNull();

    Post repost = parsed(line(events, 3));
    assertThat(repost.getId()).isEqualTo("bluesky:at://did:plc:gggg7777hhhh8888iiii9999/app.bsky.feed.repost/3mmoojpbade2i");
    assertThat(repost.getRepostOf()).isEqualTo("bluesky:at://" + ALICE + "/app.bsky.feed.post/3mptbyoeyc22k");
    assertThat(repost.getText()).isEmpty();

    assertThat(skipped(line(events, 4)).kind()).isEqualTo(Kind.DELETED);
    assertThat(skipped(line(events, 4)).postId()).isEqualTo("bluesky:at://" + ALICE + "/app.bsky.feed.post/3mpt73z3ejc2p");

    Post edited = parsed(line(events, 8));
    assertThat(edited.getId()).isEqualTo("bluesky:at://" + ALICE + "/app.bsky.feed.post/3mptbyqhi7s2f");
    assertThat(edited.getEditedAt()).isEqualTo(Instant.parse("2026-07-04T14:38:08.170Z"));
  }

  @Test
  void likesIdentityAndAccountEventsAreSkipped() {
    assertThat(skipped(line(events, 5)).message()).isEqualTo("Jetstream app.bsky.feed.like create commit");
    assertThat(skipped(line(events, 6)).kind()).isEqualTo(Kind.NOT_A_POST);
    assertThat(skipped(line(events, 7)).message()).isEqualTo("Jetstream account event");
  }

  @Test
  void malformedEventsAreRejectedNamingTheField() {
    List<String> bad = lines("bluesky/malformed.jsonl");
    List<PostRejection> rejections = java.util.stream.IntStream.range(0, bad.size()).mapToObj(i -> rejected(line(bad, i))).toList();
    assertThat(rejections).extracting(PostRejection::code).containsExactly(Code.MISSING_FIELD, Code.INVALID_FIELD, Code.MISSING_FIELD,
        Code.INVALID_FIELD, Code.INVALID_FIELD, Code.INVALID_FIELD, Code.INVALID_FIELD, Code.NOT_AN_OBJECT, Code.MALFORMED_JSON);
    assertThat(rejections.get(0).message()).isEqualTo("missing required field 'commit.record.createdAt'");
    assertThat(rejections.get(1).message()).contains("'did'").contains("not-a-did");
    assertThat(rejections.get(2).message()).contains("time_us");
    assertThat(rejections.get(3).message()).contains("commit.rkey").contains("a/b");
    assertThat(rejections.get(4).message()).contains("commit.record.reply.parent.uri");
    assertThat(rejections.get(5).message()).contains("commit.record.embed.images[0].image.ref.$link");
    assertThat(rejections.get(6).message()).contains("explode");
  }

  @Test
  void onlyRawSha256CidsYieldADigest() {
    assertThat(BlueskyJetstreamFormat.sha256OfRawCid("bafkreieuvgicq5depvkniz34wtpbgxa2zpwoqwgws3lk7okorh3kouckkm")).isEqualTo(IMAGE_SHA256);
    assertThat(BlueskyJetstreamFormat.sha256OfRawCid("bafyreiapzyf65cmq55jklpnrihiygze2jmmdqvvkwqeiomd72pbp2iazuu")).as("dag-cbor, not raw bytes").isNull();
    assertThat(BlueskyJetstreamFormat.sha256OfRawCid("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG")).as("CIDv0").isNull();
  }
}

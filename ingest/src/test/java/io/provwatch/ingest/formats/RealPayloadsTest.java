package io.provwatch.ingest.formats;

import static io.provwatch.ingest.formats.FormatFixtures.NORMALISER;
import static io.provwatch.ingest.formats.FormatFixtures.at;
import static io.provwatch.ingest.formats.FormatFixtures.parsed;
import static io.provwatch.ingest.formats.FormatFixtures.posts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.provwatch.avro.Post;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostSkip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapters on the real platform payloads in {@code ../shared/data/formats} (reference data
 * beside the project, never copied into it): every payload parses without a rejection, and a few
 * fields of a few posts have the values picked by hand from the files. Skipped when the folder is
 * absent (a fresh clone); the hand-written fixtures cover the same shapes.
 */
class RealPayloadsTest {
  private static Path formats;

  @BeforeAll
  static void findSharedData() {
    formats = sharedFormats();
    assumeTrue(formats != null, "../shared/data/formats not found above " + System.getProperty("user.dir") + ": real payload checks skipped");
  }

  /** Walks up from the working directory to the folder that holds {@code shared/data/formats}. */
  static Path sharedFormats() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve("formats");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static byte[] read(String file) {
    try {
      return Files.readAllBytes(formats.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(String file) {
    try (Stream<String> lines = Files.lines(formats.resolve(file))) {
      return lines.filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names of the files in a folder of the reference data, sorted. */
  private static List<String> filesIn(String folder) throws IOException {
    try (Stream<Path> files = Files.list(formats.resolve(folder))) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  /** A JSON-lines format's results for the lines of a file, in order. */
  private static List<ParseResult> eachLine(PostFormat format, String file) {
    assertThat(format.framing()).isEqualTo(PostFormat.Framing.JSON_LINES);
    List<ParseResult> results = new ArrayList<>();
    List<String> lines = lines(file);
    for (int i = 0; i < lines.size(); i++) {
      results.addAll(format.parse(lines.get(i), at(file + ":" + (i + 1))));
    }
    return results;
  }

  /** Every rejection of a file, as "position: CODE message", to show all at once when one is unexpected. */
  private static List<String> rejections(List<ParseResult> results, String file) {
    List<String> out = new ArrayList<>();
    for (ParseResult r : results) {
      if (r instanceof ParseResult.Rejected rejected) {
        out.add(file + ": " + rejected.rejection().code() + " " + rejected.rejection().message());
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- Mastodon

  /** The server each bigbone asset was read from, as its urls show. */
  private static final Map<String, String> MASTODON_INSTANCES = Map.of(
      "status_with_previewcard.json", "fosstodon.org", "notifications.json", "mastodon.social",
      "status_edit_history.json", "mastodon.social");

  private static List<ParseResult> mastodon(String file) {
    MastodonStatusFormat format = new MastodonStatusFormat(MASTODON_INSTANCES.getOrDefault(file, "mstdn.jp"), NORMALISER);
    return format.parse(read("mastodon/" + file), at(file));
  }

  @Test
  void everyMastodonPayloadParses() throws IOException {
    List<String> unexpected = new ArrayList<>();
    int posts = 0;
    for (String file : filesIn("mastodon")) {
      List<ParseResult> results = mastodon(file);
      posts += posts(results).size();
      unexpected.addAll(rejections(results, file));
    }
    // bigbone's search asset trims its two statuses to id, time, spoiler and content: without an
    // account there is no author, which a real Mastodon status always has; everything else parses
    assertThat(unexpected).containsExactly(
        "search.json: MISSING_FIELD missing required field 'statuses[0].account'",
        "search.json: MISSING_FIELD missing required field 'statuses[1].account'");
    // timelines 20 + 20, context 2 + 1, status, statuses, poll, preview card, 2 notifications
    assertThat(posts).isEqualTo(20 + 20 + 3 + 1 + 1 + 1 + 1 + 2);
  }

  @Test
  void mastodonFieldsMatchTheFiles() {
    List<ParseResult> timeline = mastodon("public_timeline.json");
    Post first = parsed(timeline.get(0));
    assertThat(first.getId()).isEqualTo("mastodon:mstdn.jp/172429");
    assertThat(first.getText()).isEqualTo("電話であれ、テキストであれ、伝達能力はしっかり鍛えてほしい。");
    assertThat(first.getAuthor().getHandle()).isEqualTo("iorin0225@mstdn.jp");
    assertThat(first.getAuthor().getDisplayName()).isEqualTo("イオリン");
    assertThat(first.getCreatedAt()).isEqualTo(Instant.parse("2017-04-14T06:11:41.893Z"));

    List<Post> tagged = posts(mastodon("tag_timeline.json"));
    assertThat(tagged.get(0).getReplyTo()).isEqualTo("mastodon:mstdn.jp/675923");
    Post twoImages = tagged.stream().filter(p -> p.getId().equals("mastodon:mstdn.jp/704669")).findFirst().orElseThrow();
    assertThat(twoImages.getMedia()).extracting(m -> m.getMimeType()).containsExactly("image/png", "image/png");

    Post card = parsed(mastodon("status_with_previewcard.json").get(0));
    assertThat(card.getId()).isEqualTo("mastodon:fosstodon.org/111337272989523541");
    assertThat(card.getText()).startsWith("Just a hot take.\n\nNo matter how 'advanced' governments")
        .endsWith("fears and doubts.\n\nhttps://youtu.be/X_TLztvV4ns?si=uGz-23iyZs0yoe5r");
    assertThat(card.getUrls()).containsExactly("https://youtu.be/X_TLztvV4ns");
    assertThat(card.getOriginalUrls()).containsExactly("https://youtu.be/X_TLztvV4ns?si=uGz-23iyZs0yoe5r");
    assertThat(card.getLanguage()).isEqualTo("en");
  }

  // ---------------------------------------------------------------- Bluesky Jetstream

  private static List<ParseResult> jetstream(String file) {
    return eachLine(new BlueskyJetstreamFormat(NORMALISER), "bluesky_jetstream/" + file);
  }

  @Test
  void everyJetstreamEventParsesPostsAndRepostsArePosts() {
    List<ParseResult> golden = jetstream("jetstream_v1_golden_10events.jsonl");
    List<ParseResult> capture = jetstream("jetstream_v1_real_capture_152events.jsonl");
    assertThat(Stream.concat(rejections(golden, "golden").stream(), rejections(capture, "capture").stream())).isEmpty();
    assertThat(golden).as("one result per event").hasSize(10);
    assertThat(capture).hasSize(152);
    assertThat(posts(golden)).hasSize(1 + 1);
    // the capture manifest: 17 post creates and 15 repost creates among 152 events
    assertThat(posts(capture)).hasSize(17 + 15);
    assertThat(capture.stream().filter(r -> r instanceof ParseResult.Skipped s && s.skip().kind() == PostSkip.Kind.DELETED).toList())
        .extracting(r -> ((ParseResult.Skipped) r).skip().postId())
        .containsExactly("bluesky:at://did:plc:4smmjsqf6l5jkzczvw6vsrqc/app.bsky.feed.post/3mpt73z3ejc2p");
  }

  @Test
  void jetstreamFieldsMatchTheCapture() {
    List<Post> posts = posts(jetstream("jetstream_v1_real_capture_152events.jsonl"));
    Post external = byId(posts, "bluesky:at://did:plc:dclwtltrt2ggsryagfzk7dp4/app.bsky.feed.post/3mptbyoeyc22k");
    assertThat(external.getUrls()).containsExactly("https://www.youtube.com/watch?v=V5lDo-jw8mA");
    assertThat(external.getCreatedAt()).isEqualTo(Instant.parse("2026-07-04T14:38:06.240Z"));
    assertThat(external.getLanguage()).isEqualTo("en");
    assertThat(external.getSource().getPosition()).endsWith("#time_us=1783175888090631");

    Post image = byId(posts, "bluesky:at://did:plc:6aw7u7xjbaiznddugigmdhvc/app.bsky.feed.post/3mptbxs3hq22j");
    assertThat(image.getMedia()).singleElement().satisfies(m -> {
      assertThat(m.getMimeType()).isEqualTo("image/jpeg");
      assertThat(m.getSha256()).isEqualTo("569435b32b06899e84d7ee14a571e12e516bb85252d9743370521cb697920ab1");
    });
    assertThat(image.getLanguage()).isEqualTo("ru");

    Post tags = byId(posts, "bluesky:at://did:plc:tn3hni2jpphsgl6amfbb7ja6/app.bsky.feed.post/3mptbypfywk2v");
    assertThat(tags.getHashtags()).containsExactly("howtotellaitoshutup", "indierebellion");

    Post reply = byId(posts, "bluesky:at://did:plc:u4lmvw4wwzaql3z5kcf3r7h4/app.bsky.feed.post/3mptbyoumc22i");
    assertThat(reply.getReplyTo()).isEqualTo("bluesky:at://did:plc:u4lmvw4wwzaql3z5kcf3r7h4/app.bsky.feed.post/3mptbyou7ls2i");
  }

  private static Post byId(List<Post> posts, String id) {
    return posts.stream().filter(p -> p.getId().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no post " + id));
  }

  // ---------------------------------------------------------------- Reddit (Pushshift)

  private static List<ParseResult> pushshift(String file) {
    return eachLine(new RedditPushshiftFormat(NORMALISER), "reddit_pushshift/" + file);
  }

  @Test
  void everyPushshiftThingParsesDeletedAndRemovedCommentsAreSkipped() {
    List<ParseResult> comments = pushshift("pushshift_comments.ndjson");
    List<ParseResult> submissions = pushshift("pushshift_submissions.ndjson");
    assertThat(Stream.concat(rejections(comments, "comments").stream(), rejections(submissions, "submissions").stream())).isEmpty();
    assertThat(comments).hasSize(27);
    assertThat(comments.stream().filter(ParseResult.Skipped.class::isInstance).map(r -> ((ParseResult.Skipped) r).skip().kind().name()).toList())
        .containsExactly("UNAVAILABLE", "UNAVAILABLE", "DELETED", "DELETED");
    assertThat(posts(submissions)).hasSize(31);
  }

  @Test
  void pushshiftFieldsMatchTheFiles() {
    Post comment = parsed(pushshift("pushshift_comments.ndjson").get(0));
    assertThat(comment.getId()).isEqualTo("reddit:t1_kod0bkd");
    assertThat(comment.getReplyTo()).isEqualTo("reddit:t3_1afjd7n");
    assertThat(comment.getAuthor().getId()).isEqualTo("DubsAli");
    assertThat(comment.getCreatedAt()).isEqualTo(Instant.ofEpochSecond(1706745600));
    assertThat(comment.getText()).isEqualTo("Absolutely stunning. Really love this, perfect finish IMO as well.");

    List<Post> submissions = posts(pushshift("pushshift_submissions.ndjson"));
    Post crosspost = byId(submissions, "reddit:t3_1afwvv9");
    assertThat(crosspost.getRepostOf()).isEqualTo("reddit:t3_1abw4nj");
    assertThat(crosspost.getUrls()).first().isEqualTo("https://v.redd.it/74ah6jubbvec1");
    Post old = byId(submissions, "reddit:t3_1v3sg");
    assertThat(old.getText()).isEqualTo("NUMBERS & WEB SITES");
    assertThat(old.getUrls()).containsExactly("http://www.nola.com/hurricane/t-p/index.ssf?/base/news-3/118042089721740.xml&coll=1&thispage=23");
    assertThat(old.getCreatedAt()).isEqualTo(Instant.ofEpochSecond(1180656045));
    assertThat(byId(submissions, "reddit:t3_jk3lbh").getMedia()).hasSize(5).allSatisfy(m -> assertThat(m.getMimeType()).isEqualTo("image/jpeg"));
    assertThat(byId(submissions, "reddit:t3_1afwvva").getMedia()).extracting(m -> m.getUrl()).containsExactly("https://i.redd.it/lkx6ajtx6vfc1.jpeg");
  }

  // ---------------------------------------------------------------- X API v2 (twarc)

  private static List<ParseResult> twarc(String file) {
    return eachLine(new XApiV2Format(NORMALISER), "twitter_v2/" + file);
  }

  @Test
  void everyXResponseParses() throws IOException {
    List<String> unexpected = new ArrayList<>();
    for (String file : filesIn("twitter_v2")) {
      unexpected.addAll(rejections(twarc(file), file));
    }
    assertThat(unexpected).isEmpty();
    assertThat(posts(twarc("brexit.jsonl"))).hasSize(100);
    List<ParseResult> users = twarc("users.jsonl");
    assertThat(posts(users)).as("a users lookup holds users, no tweets").isEmpty();
    assertThat(users).hasSize(96 + 8);
  }

  @Test
  void xFieldsMatchTheFiles() {
    Post video = parsed(twarc("media_tweet.jsonl").get(0));
    assertThat(video.getId()).isEqualTo("x:1558553189766631429");
    assertThat(video.getText()).isEqualTo("She's GOING with it! \uD83D\uDC0D");
    assertThat(video.getAuthor().getHandle()).isEqualTo("IgorBrigadir");
    assertThat(video.getMedia()).extracting(m -> m.getUrl())
        .containsExactly("https://video.twimg.com/ext_tw_video/1558552952549277696/pu/vid/1280x720/WiZrNZKT2lMzK5zA.mp4?tag=12");

    Post quote = parsed(twarc("quoted_edit.jsonl").get(0));
    assertThat(quote.getQuoteOf()).isEqualTo("x:1576994746135764992");
    assertThat(quote.getReplyTo()).as("replied to the edited version of that tweet").isEqualTo("x:1576994746135764992");
    assertThat(quote.getMentions()).containsExactly("wongmjane");

    Post geo = parsed(twarc("geo_tweets.jsonl").get(0));
    assertThat(geo.getHashtags()).contains("harrypotter", "zostańwdomu").doesNotHaveDuplicates();
    assertThat(geo.getUrls()).containsExactly("https://www.instagram.com/p/B-7ItQwBJ93/");
    assertThat(geo.getLanguage()).isEqualTo("pl");
    assertThat(geo.getCreatedAt()).isEqualTo(Instant.parse("2020-04-13T14:14:01Z"));

    Post shop = parsed(twarc("many_urls.jsonl").get(0));
    assertThat(shop.getUrls()).containsExactly("https://uiadrian.gumroad.com/l/web-design-guide/?offer_code=twk0uc9f7");
    assertThat(shop.getReplyTo()).isEqualTo("x:1610623087061471232");

    List<Post> brexit = posts(twarc("brexit.jsonl"));
    assertThat(brexit.stream().filter(p -> p.getRepostOf() != null)).hasSize(67);
    assertThat(brexit.stream().filter(p -> p.getQuoteOf() != null)).hasSize(11);
  }

  // ---------------------------------------------------------------- RSS, Atom, Media RSS

  /** feed-rs's expected parses beside each XML feed: title, first link and date of each entry. */
  @Test
  void feedParsesAgreeWithTheExpectedParsesOnTitleLinkAndDate() throws IOException {
    FeedFormat format = new FeedFormat(NORMALISER);
    List<String> feeds = filesIn("rss_atom").stream().filter(f -> f.endsWith(".xml")).toList();
    assertThat(feeds).hasSize(6);
    for (String file : feeds) {
      List<ParseResult> results = format.parse(read("rss_atom/" + file), at(file));
      assertThat(rejections(results, file)).isEmpty();
      JsonNode expected = Json.MAPPER.readTree(read("rss_atom/" + file.replace(".xml", ".parsed.json")));
      JsonNode entries = expected.get("entries");
      assertThat(results).as(file).hasSize(entries.size());
      for (int i = 0; i < entries.size(); i++) {
        JsonNode entry = entries.get(i);
        Post post = parsed(results.get(i));
        String title = entry.get("title").get("content").asText().strip();
        assertThat(post.getText()).as("%s entry %d title", file, i).startsWith(title);
        assertThat(post.getOriginalUrls().get(0)).as("%s entry %d link", file, i).isEqualTo(entry.get("links").get(0).get("href").asText());
        JsonNode date = entry.get("published").isNull() ? entry.get("updated") : entry.get("published");
        assertThat(post.getCreatedAt()).as("%s entry %d date", file, i).isEqualTo(Instant.parse(date.asText()));
      }
    }
  }

  @Test
  void feedFieldsMatchTheFiles() {
    FeedFormat format = new FeedFormat(NORMALISER);
    Post bbc = parsed(format.parse(read("rss_atom/rss_2.0_bbc.xml"), at("bbc")).get(0));
    assertThat(bbc.getId()).isEqualTo("rss:urn:bbc:podcast:m000sjxt");
    assertThat(bbc.getAuthor().getId()).isEqualTo("http://www.bbc.co.uk/programmes/b006qykl");
    assertThat(bbc.getAuthor().getDisplayName()).isEqualTo("In Our Time");
    assertThat(bbc.getLanguage()).isEqualTo("en");
    assertThat(bbc.getMedia()).extracting(m -> m.getMimeType()).containsExactly("audio/mpeg");

    Post youtube = parsed(format.parse(read("rss_atom/atom_mediarss_youtube_1.xml"), at("yt")).get(0));
    assertThat(youtube.getId()).isEqualTo("rss:yt:video:0A1ouV7iD8o");
    assertThat(youtube.getEditedAt()).isEqualTo(Instant.parse("2020-12-25T23:12:12Z"));
    assertThat(youtube.getMedia()).isNotEmpty();

    List<Post> reddit = posts(format.parse(read("rss_atom/atom_mediarss_reddit_1.xml"), at("homelab")));
    assertThat(reddit).hasSize(25);
    assertThat(reddit.get(0).getId()).as("a feed-local id is qualified by the feed").isEqualTo("rss:https://ud.reddit.com/r/homelab/new/#t3_157kyrd");
    assertThat(reddit.get(0).getAuthor().getHandle()).isEqualTo("/u/Remarkable_Housing61");
  }

  @Test
  void jsonFeedMatchesTheFile() {
    List<ParseResult> results = new JsonFeedFormat(NORMALISER).parse(read("rss_atom/jsonfeed_example_1.json"), at("df"));
    assertThat(rejections(results, "jsonfeed_example_1.json")).isEmpty();
    assertThat(results).hasSize(2);
    Post bezos = parsed(results.get(0));
    assertThat(bezos.getId()).isEqualTo("rss:https://daringfireball.net/linked/2020/01/24/bezos-iphone-x");
    assertThat(bezos.getText()).startsWith("How Jeff Bezos\u2019s iPhone X Was Hacked\n\nGood summary from The New York Times.");
    assertThat(bezos.getUrls()).containsExactly("https://daringfireball.net/linked/2020/01/24/bezos-iphone-x",
        "https://www.nytimes.com/2020/01/22/technology/jeff-bezos-hack-iphone.html");
    assertThat(bezos.getCreatedAt()).isEqualTo(Instant.parse("2020-01-24T23:46:57Z"));
    Post instagram = parsed(results.get(1));
    assertThat(instagram.getEditedAt()).isEqualTo(Instant.parse("2020-01-21T20:58:36Z"));
    assertThat(instagram.getUrls()).as("utm_source dropped").contains("https://www.behance.net/gallery/41023081/Instagram-for-Win95");
    assertThat(instagram.getAuthor().getId()).isEqualTo("https://daringfireball.net/");
  }

  // ---------------------------------------------------------------- CSV

  /** The first rows of the CooRTweet multi-platform stream (anonymised ids, epoch seconds), read by a column mapping. */
  @Test
  void aRealCsvStreamReadsByItsColumnMapping() throws IOException {
    Path csv = formats.resolveSibling("coordination").resolve("german_elections_2021_multiplatform.csv");
    assumeTrue(Files.isRegularFile(csv), csv + " absent: CSV check skipped");
    String head;
    try (Stream<String> lines = Files.lines(csv)) {
      head = String.join("\n", lines.limit(501).toList());
    }
    CsvColumns columns = CsvColumns.parse("platform=elections, id=post_id, author.id=account_id, createdAt=timestamp");
    List<ParseResult> results = new CsvFormat(columns, NORMALISER).parse(head, at("german_elections"));
    assertThat(rejections(results, "german_elections_2021_multiplatform.csv")).isEmpty();
    assertThat(results).hasSize(500);
    Post first = parsed(results.get(0));
    assertThat(first.getId()).isEqualTo("elections:129235");
    assertThat(first.getAuthor().getId()).isEqualTo("fb_12670");
    assertThat(first.getCreatedAt()).isEqualTo(Instant.ofEpochSecond(1629589836));
  }
}

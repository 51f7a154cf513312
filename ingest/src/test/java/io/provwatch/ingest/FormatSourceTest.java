package io.provwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.avro.Post;
import io.provwatch.ingest.PostRejection.Code;
import io.provwatch.ingest.formats.BlueskyJetstreamFormat;
import io.provwatch.ingest.formats.CanonicalFormat;
import io.provwatch.ingest.formats.FeedFormat;
import io.provwatch.ingest.formats.PostFormat;
import io.provwatch.ingest.formats.PostNormaliser;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatSourceTest {
  private final RecordingPostSink sink = new RecordingPostSink();
  private final Clock clock = Clock.fixed(CanonicalPostParserTest.NOW, ZoneOffset.UTC);
  private final PostNormaliser normaliser = new PostNormaliser(clock, false);
  private final RecordingProgress progress = new RecordingProgress();

  /** Keeps every report. */
  static final class RecordingProgress implements FormatSource.Progress {
    final List<FormatSource.Summary> updates = new ArrayList<>();
    FormatSource.Summary done;

    @Override
    public Duration interval() {
      return Duration.ofSeconds(5);
    }

    @Override
    public void update(FormatSource.Summary sofar) {
      updates.add(sofar);
    }

    @Override
    public void done(FormatSource.Summary total) {
      done = total;
    }
  }

  private FormatSource source(PostFormat format, int maxPayloadBytes) {
    return new FormatSource(format, sink, format.name() + ":file", maxPayloadBytes, progress, clock);
  }

  private CanonicalFormat canonical() {
    return new CanonicalFormat(clock);
  }

  private static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static InputStream resource(String path) {
    InputStream in = FormatSourceTest.class.getResourceAsStream("/formats/" + path);
    assertThat(in).as(path).isNotNull();
    return in;
  }

  private static String post(String id) {
    return "{\"id\":\"x:" + id + "\",\"platform\":\"x\",\"author\":{\"id\":\"a\"},\"createdAt\":\"2026-11-20T09:00:00Z\",\"text\":\"post " + id + "\"}";
  }

  @Test
  void canonicalLinesArePublishedAndBadOnesDeadLetteredWithTheirLineNumber() throws Exception {
    String input = post("1") + "\r\n\n" + "{not json\n" + "{\"platform\":\"x\"}\n" + post("2");
    FormatSource.Summary summary = source(canonical(), 10_000).read(bytes(input), "posts.jsonl");

    assertThat(sink.posts).extracting(Post::getId).containsExactly("x:1", "x:2");
    assertThat(sink.posts.get(1).getSource().getPosition()).isEqualTo("posts.jsonl:5");
    assertThat(sink.posts.get(1).getSource().getConnector()).isEqualTo("canonical:file");
    assertThat(sink.deadLetters).extracting(RecordingPostSink.DeadLetterCall::position).containsExactly("posts.jsonl:3", "posts.jsonl:4");
    assertThat(sink.deadLetters).extracting(RecordingPostSink.DeadLetterCall::source).containsOnly("canonical:file");
    assertThat(sink.deadLetters.get(0).rejection().code()).isEqualTo(Code.MALFORMED_JSON);
    assertThat(new String(sink.deadLetters.get(0).raw(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    assertThat(sink.deadLetters.get(1).rejection().code()).isEqualTo(Code.MISSING_FIELD);
    assertThat(summary.payloads()).isEqualTo(5);
    assertThat(summary.posts()).isEqualTo(2);
    assertThat(summary.published()).isEqualTo(2);
    assertThat(summary.rejected()).isEqualTo(2);
    assertThat(summary.deadLettered()).isEqualTo(2);
    assertThat(summary.failed()).isZero();
    assertThat(sink.flushes).isEqualTo(1);
    assertThat(progress.done).isEqualTo(summary);
  }

  @Test
  void anOverlongLineIsDeadLetteredWithItsStartAndReadingGoesOn() throws Exception {
    String huge = "{\"text\":\"" + "a".repeat(5_000) + "\"}";
    source(canonical(), 1_000).read(bytes(huge + "\n" + post("3") + "\n"), "big.jsonl");

    assertThat(sink.deadLetters).singleElement().satisfies(d -> {
      assertThat(d.rejection().code()).isEqualTo(Code.TOO_LARGE);
      assertThat(d.rejection().message()).contains("longer than 1000 bytes");
      assertThat(d.raw()).hasSize(1_000);
      assertThat(d.position()).isEqualTo("big.jsonl:1");
    });
    assertThat(sink.posts).extracting(Post::getId).containsExactly("x:3");
  }

  @Test
  void jetstreamEventsThatAreNoPostsAreCountedAsSkippedNotDeadLettered() throws Exception {
    FormatSource.Summary summary = source(new BlueskyJetstreamFormat(normaliser), FormatSource.DEFAULT_MAX_LINE_BYTES)
        .read(resource("bluesky/jetstream.jsonl"), "jetstream.jsonl");

    // posts, a repost and an edit; a deletion, a like, an identity and an account event
    assertThat(summary.payloads()).isEqualTo(9);
    assertThat(summary.published()).isEqualTo(5);
    assertThat(summary.skipped()).isEqualTo(4);
    assertThat(summary.rejected()).isZero();
    assertThat(sink.deadLetters).isEmpty();
    assertThat(sink.posts.get(0).getSource().getConnector()).isEqualTo("bluesky-jetstream:file");
    assertThat(sink.posts.get(0).getSource().getPosition()).isEqualTo("jetstream.jsonl:1#time_us=1783175888090631");
  }

  @Test
  void aFeedIsOneDocumentAndARejectedEntryIsDeadLetteredAsAnItemOfIt() throws Exception {
    FormatSource.Summary summary = source(new FeedFormat(normaliser), FormatSource.DEFAULT_MAX_DOCUMENT_BYTES)
        .read(resource("feeds/rss2.xml"), "rss2.xml");

    assertThat(summary.payloads()).isEqualTo(1);
    assertThat(sink.posts).isNotEmpty().allSatisfy(p -> assertThat(p.getSource().getPosition()).startsWith("rss2.xml#"));
    assertThat(sink.deadLetters).isNotEmpty().allSatisfy(d -> {
      assertThat(d.position()).matches("rss2\\.xml#item\\[\\d+]");
      assertThat(d.raw()).as("the whole document, which is small").isEqualTo(resource("feeds/rss2.xml").readAllBytes());
    });
    assertThat(summary.published() + summary.rejected() + summary.skipped()).as("one result per entry").isEqualTo(countItems());
  }

  private static long countItems() throws IOException {
    String xml = new String(resource("feeds/rss2.xml").readAllBytes(), StandardCharsets.ISO_8859_1);
    return xml.split("<item>", -1).length - 1;
  }

  @Test
  void aDocumentOverTheLimitIsDeadLetteredWithItsStartOnly() throws Exception {
    byte[] big = ("<rss version=\"2.0\"><channel>" + "<item><title>t</title></item>".repeat(10_000) + "</channel></rss>")
        .getBytes(StandardCharsets.UTF_8);
    FormatSource.Summary summary = source(new FeedFormat(normaliser), 200_000).read(new ByteArrayInputStream(big), "huge.xml");

    assertThat(summary.posts()).isZero();
    assertThat(sink.deadLetters).singleElement().satisfies(d -> {
      assertThat(d.rejection().code()).isEqualTo(Code.TOO_LARGE);
      assertThat(d.rejection().message()).contains("larger than 200000 bytes");
      assertThat(d.position()).isEqualTo("huge.xml");
      assertThat(d.raw()).hasSize(FormatSource.DEAD_LETTER_KEEP_BYTES);
    });
  }

  @Test
  void aRejectionInABigDocumentKeepsTheDocumentsStartAndSaysSo() throws Exception {
    String items = "<item><guid>urn:x:%d</guid><title>t</title><link>https://news.example/%d</link></item>";
    StringBuilder xml = new StringBuilder("<rss version=\"2.0\"><channel><title>c</title><link>https://news.example/</link>"
        + "<pubDate>Fri, 20 Nov 2026 08:00:00 +0000</pubDate>");
    for (int i = 0; i < 2_000; i++) {
      xml.append(String.format(items, i, i));
    }
    xml.append("<item><description>neither title nor link nor guid</description></item></channel></rss>");
    source(new FeedFormat(normaliser), FormatSource.DEFAULT_MAX_DOCUMENT_BYTES)
        .read(bytes(xml.toString()), "many.xml");

    assertThat(sink.posts).hasSize(2_000);
    assertThat(sink.deadLetters).singleElement().satisfies(d -> {
      assertThat(d.position()).isEqualTo("many.xml#item[2000]");
      assertThat(d.raw()).hasSize(FormatSource.DEAD_LETTER_KEEP_BYTES);
      assertThat(d.rejection().message()).contains("its first " + FormatSource.DEAD_LETTER_KEEP_BYTES + " are kept");
    });
  }

  @Test
  void postsKafkaRefusesAreCountedAndTheFirstIsNamed() throws Exception {
    sink.failPostsWith = new IllegalStateException("broker unreachable");
    FormatSource.Summary summary = source(canonical(), 10_000).read(bytes(post("4") + "\n" + post("5") + "\n"), "f");

    assertThat(summary.failed()).isEqualTo(2);
    assertThat(summary.published()).isZero();
    assertThat(summary.firstFailure()).contains("f:1").contains("broker unreachable");
  }

  @Test
  void aReadErrorStopsTheReadButWhatWasReadIsWrittenAndReported() {
    InputStream failing = new SequenceInputStream(bytes(post("6") + "\n" + post("7") + "\n"), new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    });

    assertThatThrownBy(() -> source(canonical(), 10_000).read(failing, "net")).isInstanceOf(IOException.class).hasMessage("connection reset");
    assertThat(sink.posts).extracting(Post::getId).containsExactly("x:6", "x:7");
    assertThat(sink.flushes).isEqualTo(1);
    assertThat(progress.done.published()).isEqualTo(2);
  }

  @Test
  void progressIsReportedWhenTheIntervalHasPassed() throws Exception {
    Clock ticking = new Clock() { // one second per look at the clock
      private long millis = 0;

      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        millis += 1_000;
        return Instant.ofEpochMilli(millis);
      }
    };
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      input.append(post("p" + i)).append('\n');
    }
    new FormatSource(canonical(), sink, "canonical:file", 10_000, progress, ticking).read(bytes(input.toString()), "p.jsonl");

    assertThat(progress.updates).hasSizeBetween(2, 5);
    assertThat(progress.updates).extracting(FormatSource.Summary::posts).isSorted().allSatisfy(n -> assertThat(n).isBetween(1L, 20L));
    assertThat(progress.done.posts()).isEqualTo(20);
    assertThat(progress.done.elapsed()).isPositive();
  }
}

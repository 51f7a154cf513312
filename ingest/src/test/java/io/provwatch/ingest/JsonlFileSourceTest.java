package io.provwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.ingest.PostRejection.Code;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class JsonlFileSourceTest {
  private final RecordingPostSink sink = new RecordingPostSink();
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
  private final Clock clock = Clock.fixed(CanonicalPostParserTest.NOW, ZoneOffset.UTC);

  private JsonlFileSource source(int maxLineBytes) {
    return new JsonlFileSource(new CanonicalPostParser(clock), sink, maxLineBytes,
        new PrintStream(progress, true, StandardCharsets.UTF_8), Duration.ofSeconds(5), clock);
  }

  private static String post(String id) {
    return "{\"id\":\"x:" + id + "\",\"platform\":\"x\",\"author\":{\"id\":\"a\"},\"createdAt\":\"2026-11-20T09:00:00Z\",\"text\":\"post " + id + "\"}";
  }

  @Test
  void goodLinesArePublishedAndBadOnesDeadLetteredWithTheirLineNumber() throws Exception {
    String input = post("1") + "\r\n\n" + "{not json\n" + "{\"platform\":\"x\"}\n" + post("2");
    JsonlFileSource.Summary summary = source(10_000).read(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "posts.jsonl");

    assertThat(sink.posts).extracting(p -> p.getId()).containsExactly("x:1", "x:2");
    assertThat(sink.posts.get(1).getSource().getPosition()).isEqualTo("posts.jsonl:5");
    assertThat(sink.deadLetters).extracting(RecordingPostSink.DeadLetterCall::position).containsExactly("posts.jsonl:3", "posts.jsonl:4");
    assertThat(sink.deadLetters.get(0).rejection().code()).isEqualTo(Code.MALFORMED_JSON);
    assertThat(new String(sink.deadLetters.get(0).raw(), StandardCharsets.UTF_8)).isEqualTo("{not json");
    assertThat(sink.deadLetters.get(1).rejection().code()).isEqualTo(Code.MISSING_FIELD);
    assertThat(summary.lines()).isEqualTo(5);
    assertThat(summary.published()).isEqualTo(2);
    assertThat(summary.deadLettered()).isEqualTo(2);
    assertThat(sink.flushes).isEqualTo(1);
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("ingest done: 5 lines, 2 published, 2 dead-lettered, 0 failed");
  }

  @Test
  void anOverlongLineIsDeadLetteredWithItsStartAndReadingGoesOn() throws Exception {
    String huge = "{\"text\":\"" + "a".repeat(5_000) + "\"}";
    String input = huge + "\n" + post("3") + "\n";
    source(1_000).read(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "big.jsonl");
    assertThat(sink.deadLetters).hasSize(1);
    assertThat(sink.deadLetters.get(0).rejection().code()).isEqualTo(Code.TOO_LARGE);
    assertThat(sink.deadLetters.get(0).raw()).hasSize(1_000);
    assertThat(sink.posts).extracting(p -> p.getId()).containsExactly("x:3");
  }

  @Test
  void postsKafkaRefusesAreCountedAndReportedNotSilentlyDropped() throws Exception {
    sink.failPostsWith = new IllegalStateException("broker unreachable");
    JsonlFileSource.Summary summary = source(10_000).read(new ByteArrayInputStream((post("4") + "\n").getBytes(StandardCharsets.UTF_8)), "f");
    assertThat(summary.failed()).isEqualTo(1);
    assertThat(summary.published()).isZero();
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("could not be written to Kafka").contains("f:1").contains("broker unreachable");
  }
}

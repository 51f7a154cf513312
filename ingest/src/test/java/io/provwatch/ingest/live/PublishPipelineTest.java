package io.provwatch.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Author;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection;
import io.provwatch.ingest.PostSink;
import io.provwatch.ingest.PostSkip;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The dedupe and the acknowledged cursor, with a sink whose writes the test completes by hand. */
class PublishPipelineTest {
  /** Keeps each write's future for the test to complete, as a broker acknowledges later. */
  private static final class ManualSink implements PostSink {
    final List<Post> posts = new ArrayList<>();
    final List<CompletableFuture<Void>> writes = new ArrayList<>();
    final List<String> deadLetterPositions = new ArrayList<>();

    @Override
    public CompletableFuture<Void> publish(Post post) {
      posts.add(post);
      CompletableFuture<Void> write = new CompletableFuture<>();
      writes.add(write);
      return write;
    }

    @Override
    public CompletableFuture<Void> deadLetter(byte[] raw, String source, String position, PostRejection rejection) {
      deadLetterPositions.add(position);
      CompletableFuture<Void> write = new CompletableFuture<>();
      writes.add(write);
      return write;
    }

    @Override
    public void flush() {}
  }

  private final ManualSink sink = new ManualSink();
  private final PublishPipeline pipeline = new PublishPipeline("test:src", sink, 100, ConnectorState.EMPTY);

  private static ParseResult post(String id, Instant editedAt) {
    return new ParseResult.Parsed(Post.newBuilder().setId(id).setPlatform("mastodon").setAuthor(Author.newBuilder().setId("alice").build())
        .setCreatedAt(Instant.parse("2026-11-20T09:00:00Z")).setObservedAt(Instant.parse("2026-11-20T09:00:01Z")).setEditedAt(editedAt)
        .setText("text of " + id).setSource(SourcePosition.newBuilder().setConnector("test:src").setPosition(id).build()).build());
  }

  private static ParseResult post(String id) {
    return post(id, null);
  }

  private void submit(String cursor, ParseResult... results) {
    pipeline.submit(List.of(results), false, cursor.getBytes(StandardCharsets.UTF_8), "payload " + cursor, Map.of("c", cursor));
  }

  @Test
  void theCursorMovesOnlyOverPayloadsWhoseWritesAreAllAcknowledgedInOrder() {
    submit("1", post("a"));
    submit("2", post("b"), post("c"));
    submit("3", new ParseResult.Skipped(PostSkip.of(PostSkip.Kind.NOT_A_POST, "a like")));
    assertThat(pipeline.acknowledgedCursor()).isEmpty();

    sink.writes.get(1).complete(null); // b, before a
    assertThat(pipeline.acknowledgedCursor()).as("a is not acknowledged yet").isEmpty();
    sink.writes.get(0).complete(null);
    assertThat(pipeline.acknowledgedCursor()).isEqualTo(Map.of("c", "1"));
    sink.writes.get(2).complete(null);
    assertThat(pipeline.acknowledgedCursor()).as("payload 3 has nothing to write").isEqualTo(Map.of("c", "3"));
  }

  @Test
  void aFailedWriteHoldsTheCursorAndFailsTheSessionAndTheReplayWritesItAgainButNotItsAcknowledgedNeighbours() throws Exception {
    submit("1", post("a"));
    submit("2", post("b"));
    submit("3", post("c"));
    sink.writes.get(0).complete(null);
    sink.writes.get(1).completeExceptionally(new IllegalStateException("broker down"));
    sink.writes.get(2).complete(null);
    assertThat(pipeline.failure()).hasMessage("broker down");
    assertThat(pipeline.acknowledgedCursor()).as("never past the failed write").isEqualTo(Map.of("c", "1"));
    assertThat(pipeline.drain(Duration.ofSeconds(5))).isTrue();

    pipeline.newSession(); // the replay from cursor 1
    assertThat(pipeline.failure()).isNull();
    submit("2", post("b"));
    submit("3", post("c"));
    assertThat(sink.posts).extracting(Post::getId).containsExactly("a", "b", "c", "b");
    sink.writes.get(3).complete(null);
    assertThat(pipeline.acknowledgedCursor()).isEqualTo(Map.of("c", "3"));
    assertThat(pipeline.duplicates.get()).isEqualTo(1);
  }

  @Test
  void aReplayOfAWriteStillInFlightWaitsForItsOutcomeInsteadOfWritingTwice() {
    submit("1", post("a"));
    pipeline.newSession(); // reconnected before the broker answered
    submit("1", post("a"));
    assertThat(sink.posts).hasSize(1);
    assertThat(pipeline.acknowledgedCursor()).isEmpty();
    sink.writes.get(0).completeExceptionally(new IllegalStateException("timed out"));
    assertThat(pipeline.failure()).as("the replayed payload failed with it").hasMessage("timed out");
    assertThat(pipeline.acknowledgedCursor()).isEmpty();
  }

  @Test
  void anEditIsPublishedAgainAndAReplayedRejectionIsDeadLetteredOnce() {
    ParseResult bad = new ParseResult.Rejected(PostRejection.of(PostRejection.Code.MALFORMED_JSON, "not JSON"));
    submit("1", post("a"), bad);
    submit("2", post("a", Instant.parse("2026-11-20T10:00:00Z")));
    submit("1", post("a"), bad);
    submit("2", post("a", Instant.parse("2026-11-20T10:00:00Z")));
    sink.writes.forEach(w -> w.complete(null));
    assertThat(sink.posts).extracting(p -> p.getId() + "@" + p.getEditedAt()).containsExactly("a@null", "a@2026-11-20T10:00:00Z");
    assertThat(sink.deadLetterPositions).containsExactly("payload 1#item[1]");
    assertThat(pipeline.duplicates.get()).isEqualTo(3);
  }

  @Test
  void theSavedKeysDedupeAfterARestart() {
    submit("1", post("a"), post("b"));
    sink.writes.forEach(w -> w.complete(null));
    ConnectorState saved = pipeline.state();
    assertThat(saved.recentKeys()).hasSize(2).allSatisfy(k -> assertThat(k).hasSize(16).doesNotContain("a"));

    ManualSink after = new ManualSink();
    PublishPipeline restarted = new PublishPipeline("test:src", after, 100, saved);
    assertThat(restarted.acknowledgedCursor()).isEqualTo(Map.of("c", "1"));
    restarted.submit(List.of(post("b"), post("c")), false, new byte[0], "payload 2", Map.of("c", "2"));
    assertThat(after.posts).extracting(Post::getId).containsExactly("c");
  }

  @Test
  void aPageListedNewestFirstIsWrittenOldestFirst() {
    pipeline.submit(List.of(post("c"), post("b"), post("a")), true, new byte[0], "page", Map.of("c", "1"));
    assertThat(sink.posts).extracting(Post::getId).containsExactly("a", "b", "c");
  }

  @Test
  void theRecentKeysAreBounded() {
    PublishPipeline small = new PublishPipeline("test:src", sink, 2, ConnectorState.EMPTY);
    for (String id : List.of("a", "b", "c")) {
      small.submit(List.of(post(id)), false, new byte[0], id, Map.of());
    }
    sink.writes.forEach(w -> w.complete(null));
    assertThat(small.state().recentKeys()).hasSize(2);
    small.submit(List.of(post("a")), false, new byte[0], "again", Map.of());
    assertThat(sink.posts).as("a was forgotten, so it goes out again").hasSize(4);
  }
}

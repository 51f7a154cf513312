package io.provwatch.ingest;

import io.provwatch.avro.Post;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what ingest would publish; can be told to fail posts, as a broker that is down would, or to hold them. */
public final class RecordingPostSink implements PostSink {
  public record DeadLetterCall(byte[] raw, String source, String position, PostRejection rejection) {}

  public final List<Post> posts = new CopyOnWriteArrayList<>();
  public final List<DeadLetterCall> deadLetters = new CopyOnWriteArrayList<>();
  public volatile RuntimeException failPostsWith;
  /** While true, a post's write completes only when the test completes it from {@link #held}, as a slow broker's would. */
  public volatile boolean holdPosts;
  public final List<CompletableFuture<Void>> held = new CopyOnWriteArrayList<>();
  int flushes;

  @Override
  public CompletableFuture<Void> publish(Post post) {
    if (failPostsWith != null) {
      return CompletableFuture.failedFuture(failPostsWith);
    }
    posts.add(post);
    if (holdPosts) {
      CompletableFuture<Void> write = new CompletableFuture<>();
      held.add(write);
      return write;
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> deadLetter(byte[] raw, String source, String position, PostRejection rejection) {
    deadLetters.add(new DeadLetterCall(raw, source, position, rejection));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void flush() {
    flushes++;
  }
}

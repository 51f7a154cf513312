package io.provwatch.ingest;

import io.provwatch.avro.Post;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what ingest would publish; can be told to fail posts, as a broker that is down would. */
public final class RecordingPostSink implements PostSink {
  public record DeadLetterCall(byte[] raw, String source, String position, PostRejection rejection) {}

  public final List<Post> posts = new CopyOnWriteArrayList<>();
  public final List<DeadLetterCall> deadLetters = new CopyOnWriteArrayList<>();
  public volatile RuntimeException failPostsWith;
  int flushes;

  @Override
  public CompletableFuture<Void> publish(Post post) {
    if (failPostsWith != null) {
      return CompletableFuture.failedFuture(failPostsWith);
    }
    posts.add(post);
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

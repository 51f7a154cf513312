package io.provwatch.ingest;

import io.provwatch.avro.Post;
import java.util.concurrent.CompletableFuture;

/** Where ingest puts what it reads: posts, and dead letters for what it rejects. */
public interface PostSink {
  /** Completes once the post is durably written (acks=all), exceptionally if it cannot be. */
  CompletableFuture<Void> publish(Post post);

  /** Keeps a rejected input, whole, with its position and the reason. */
  CompletableFuture<Void> deadLetter(byte[] raw, String source, String position, PostRejection rejection);

  /** Sends everything buffered and waits for it. */
  void flush();
}

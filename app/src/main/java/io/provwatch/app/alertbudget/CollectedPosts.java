package io.provwatch.app.alertbudget;

import io.provwatch.avro.Post;
import io.provwatch.ingest.FormatSource;
import io.provwatch.ingest.PostRejection;
import io.provwatch.ingest.PostSink;
import io.provwatch.ingest.formats.PostFormat;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Posts read through an ingest adapter into memory, each id once (the first), so that a run can label
 * them before they are published. What the adapter rejects is counted, as {@code provwatch ingest}
 * would dead-letter it.
 */
final class CollectedPosts implements PostSink {
  private final Map<String, Post> byId = new LinkedHashMap<>();
  private long rejected;

  /** Reads {@code in} (named {@code name} in positions) with {@code format}. */
  void read(PostFormat format, InputStream in, String name) throws IOException {
    new FormatSource(format, this, format.name() + ":eval", FormatSource.defaultMaxPayloadBytes(format.framing()), FormatSource.Progress.NONE,
        Clock.systemUTC()).read(in, name);
  }

  @Override
  public CompletableFuture<Void> publish(Post post) {
    byId.putIfAbsent(post.getId(), post);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> deadLetter(byte[] raw, String source, String position, PostRejection rejection) {
    rejected++;
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void flush() {}

  List<Post> posts() {
    return new ArrayList<>(byId.values());
  }

  long rejected() {
    return rejected;
  }
}

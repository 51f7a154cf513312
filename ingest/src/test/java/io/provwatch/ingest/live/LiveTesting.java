package io.provwatch.ingest.live;

import io.provwatch.avro.Post;
import io.provwatch.ingest.formats.PostNormaliser;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Settings and helpers shared by the connector tests: quick backoff, a checkpoint after every change. */
final class LiveTesting {
  static final PostNormaliser NORMALISER = new PostNormaliser(Clock.systemUTC(), false);

  private LiveTesting() {}

  static ConnectorSettings settings(Path dataDir, String source, String kind) {
    return settings(dataDir, source, kind, Duration.ofSeconds(60));
  }

  static ConnectorSettings settings(Path dataDir, String source, String kind, Duration idleTimeout) {
    return new ConnectorSettings(source, kind + ":" + source, ConnectorCursorStore.inDataDir(dataDir, source), 1000,
        Duration.ofMillis(10), Duration.ofMillis(200), idleTimeout, Duration.ZERO, Duration.ofSeconds(30));
  }

  /** A post as dedupe sees it: its id, and " edited" for an edit. */
  static String key(Post post) {
    return post.getId() + (post.getEditedAt() == null ? "" : " edited");
  }

  static List<String> keys(List<Post> posts) {
    return posts.stream().map(LiveTesting::key).toList();
  }
}

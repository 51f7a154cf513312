package io.provwatch.ingest.live;

import static io.provwatch.ingest.live.JetstreamEvents.timeUs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.provwatch.avro.DeadLetter;
import io.provwatch.avro.Post;
import io.provwatch.ingest.PostPublisher;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.DeadLetters;
import io.provwatch.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A Jetstream source configured as {@code run ingest} configures it, publishing with the real
 * {@link PostPublisher} to the in-process broker: across a dropped connection and a restart, every
 * post reaches {@code posts} exactly once and the bad event {@code posts.dlq} once.
 */
class LiveSourcesIT {
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  @Test
  void postsReachThePostsTopicExactlyOnceAcrossAReconnectAndARestart() throws Exception {
    String tag = SharedKafkaCluster.unique("live");
    List<String> events = JetstreamEvents.ten(tag);
    CountDownLatch firstSixAcknowledged = new CountDownLatch(1);
    try (StandInServer jetstream = new StandInServer(StandInJetstream.droppingOnce(events, 6, firstSixAcknowledged))) {
      ProvwatchConfig config = cluster.config(Map.of(
          ProvwatchConfig.INGEST_SOURCES, "bsky",
          "ingest.source.bsky.type", "bluesky-jetstream",
          "ingest.source.bsky.url", jetstream.uri("ws", "").toString(),
          "ingest.source.bsky.rewind.ms", "3",
          "ingest.source.bsky.backoff.initial.ms", "50",
          ProvwatchConfig.INGEST_MAX_AGE_MS, "-1")); // recorded events, months old

      try (PostPublisher publisher = new PostPublisher(config, Clock.systemUTC())) {
        try (LiveSources sources = LiveSources.fromConfig(config, publisher, Clock.systemUTC())) {
          LiveConnector bsky = sources.connectors().get(0);
          sources.start();
          await().atMost(Duration.ofSeconds(90)).until(() -> String.valueOf(timeUs(6)).equals(bsky.acknowledgedCursor().get("time_us")));
          firstSixAcknowledged.countDown();
          await().atMost(Duration.ofSeconds(90)).until(() -> bsky.reconnects() == 1 && bsky.isConnected());
        }
        try (LiveSources restarted = LiveSources.fromConfig(config, publisher, Clock.systemUTC())) {
          LiveConnector bsky = restarted.connectors().get(0);
          restarted.start();
          await().atMost(Duration.ofSeconds(90)).until(() -> String.valueOf(timeUs(10)).equals(bsky.acknowledgedCursor().get("time_us")));
        }
      }
      assertThat(jetstream.requests("/subscribe")).hasSize(3);
      assertThat(jetstream.requests("/subscribe").get(2).query("cursor")).as("the restart resumed from the saved cursor")
          .isNotNull();

      List<Post> posts = TopicRecords.readCommitted(config, Topics.POSTS, p -> p.getId().contains(tag), 7);
      assertThat(LiveTesting.keys(posts)).as("each post once, across the reconnect and the restart")
          .containsExactlyInAnyOrderElementsOf(JetstreamEvents.tenPostKeys(tag));
      assertThat(posts).allSatisfy(p -> assertThat(p.getSource().getConnector()).isEqualTo("bluesky-jetstream:bsky"));
      List<DeadLetter> letters = TopicRecords.readCommitted(config, Topics.POSTS_DLQ,
          d -> StandardCharsets.UTF_8.decode(d.getRaw().duplicate()).toString().contains("broken " + tag), 1);
      assertThat(letters).singleElement().satisfies(d -> {
        assertThat(d.getSource()).isEqualTo("bluesky-jetstream:bsky");
        assertThat(d.getPosition()).isEqualTo("time_us=" + timeUs(4));
        assertThat(d.getErrorCode()).isEqualTo("INVALID_FIELD");
      });
    }
  }

  @Test
  void aFiveMebibyteMessageBetweenTwoGoodOnesIsOneCutDeadLetterAndTheSourceGoesOnWithoutReconnecting() throws Exception {
    String tag = SharedKafkaCluster.unique("huge");
    String huge = JetstreamEvents.post(2, JetstreamEvents.BOB, "3mmoox" + tag, "create", "huge " + tag + " " + "x".repeat(5 * 1024 * 1024));
    List<String> events = List.of(JetstreamEvents.post(1, JetstreamEvents.ALICE, "3mmooa" + tag, "create", "Ferry timetable changes"),
        huge, JetstreamEvents.post(3, JetstreamEvents.ALICE, "3mmoob" + tag, "create", "Harbour works start"));
    try (StandInServer jetstream = new StandInServer(StandInJetstream.replaying(events))) {
      ProvwatchConfig config = cluster.config(Map.of(
          ProvwatchConfig.INGEST_SOURCES, "bsky",
          "ingest.source.bsky.type", "bluesky-jetstream",
          "ingest.source.bsky.url", jetstream.uri("ws", "").toString(),
          ProvwatchConfig.INGEST_MAX_AGE_MS, "-1"));
      try (PostPublisher publisher = new PostPublisher(config, Clock.systemUTC());
          LiveSources sources = LiveSources.fromConfig(config, publisher, Clock.systemUTC())) {
        LiveConnector bsky = sources.connectors().get(0);
        sources.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> String.valueOf(timeUs(3)).equals(bsky.acknowledgedCursor().get("time_us")));
        assertThat(bsky.reconnects()).as("the oversized message did not break the connection").isZero();
        assertThat(bsky.deadLettered()).isEqualTo(1);
      }
      assertThat(jetstream.requests("/subscribe")).hasSize(1);
      List<Post> posts = TopicRecords.readCommitted(config, Topics.POSTS, p -> p.getId().contains(tag), 2);
      // The two posts are keyed by id and may sit on different partitions, so the read has no order.
      assertThat(posts).extracting(Post::getId).containsExactlyInAnyOrder(JetstreamEvents.uri(JetstreamEvents.ALICE, "3mmooa" + tag),
          JetstreamEvents.uri(JetstreamEvents.ALICE, "3mmoob" + tag));
      List<DeadLetter> letters = TopicRecords.readCommitted(config, Topics.POSTS_DLQ,
          d -> StandardCharsets.UTF_8.decode(d.getRaw().duplicate()).toString().contains("huge " + tag), 1);
      assertThat(letters).singleElement().satisfies(d -> {
        assertThat(d.getErrorCode()).isEqualTo("TOO_LARGE");
        assertThat(d.getRaw().remaining()).isEqualTo(DeadLetters.MAX_RAW_BYTES);
        assertThat(d.getRawLength()).as("the length of what the connector kept").isGreaterThan((long) DeadLetters.MAX_RAW_BYTES);
        assertThat(d.getMessage()).contains("raw input cut to its first " + DeadLetters.MAX_RAW_BYTES + " of " + d.getRawLength() + " bytes");
      });
    }
  }
}

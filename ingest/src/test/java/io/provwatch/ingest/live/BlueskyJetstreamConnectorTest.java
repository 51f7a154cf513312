package io.provwatch.ingest.live;

import static io.provwatch.ingest.live.JetstreamEvents.timeUs;
import static io.provwatch.ingest.live.LiveTesting.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.provwatch.ingest.PostRejection;
import io.provwatch.ingest.RecordingPostSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Jetstream connector against a stand-in Jetstream that replays from the cursor, as the real one does. */
class BlueskyJetstreamConnectorTest {
  private static final Duration REWIND = Duration.ofNanos(2_500_000); // 2.5 ms = 2.5 events back
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dataDir;
  private final List<String> events = JetstreamEvents.ten("");
  private final RecordingPostSink sink = new RecordingPostSink();

  private BlueskyJetstreamConnector connector(StandInServer server) {
    return new BlueskyJetstreamConnector(LiveTesting.settings(dataDir, "bsky", BlueskyJetstreamConnector.KIND), sink,
        server.uri("ws", ""), List.of("app.bsky.feed.post"), REWIND, LiveTesting.NORMALISER);
  }

  @Test
  void aConnectionDroppedMidStreamResumesFromTheAcknowledgedCursorWithoutLossOrDuplicates() throws Exception {
    CountDownLatch firstSixProcessed = new CountDownLatch(1);
    try (StandInServer server = new StandInServer(StandInJetstream.droppingOnce(events, 6, firstSixProcessed));
        BlueskyJetstreamConnector connector = connector(server)) {
      connector.start();
      await().atMost(WAIT).until(() -> sink.posts.size() == 4 && sink.deadLetters.size() == 1);
      firstSixProcessed.countDown();

      await().atMost(WAIT).until(() -> String.valueOf(timeUs(10)).equals(connector.acknowledgedCursor().get("time_us")));
      assertThat(keys(sink.posts)).containsExactlyElementsOf(JetstreamEvents.tenPostKeys(""));
      assertThat(sink.deadLetters).singleElement().satisfies(letter -> {
        assertThat(letter.rejection().code()).isEqualTo(PostRejection.Code.INVALID_FIELD);
        assertThat(letter.source()).isEqualTo("bluesky-jetstream:bsky");
        assertThat(letter.position()).isEqualTo("time_us=" + timeUs(4));
        assertThat(new String(letter.raw())).isEqualTo(events.get(3));
      });

      List<StandInServer.Request> subscriptions = server.requests("/subscribe");
      assertThat(subscriptions).hasSize(2);
      assertThat(subscriptions.get(0).query("wantedCollections")).isEqualTo("app.bsky.feed.post");
      assertThat(subscriptions.get(0).query("cursor")).as("first start: the live end").isNull();
      long resumedFrom = Long.parseLong(subscriptions.get(1).query("cursor"));
      assertThat(resumedFrom).as("rewound from the last acknowledged event (6, or 7 if it arrived before the reset)")
          .isIn(timeUs(6) - 2500, timeUs(7) - 2500);
      assertThat(connector.duplicates()).as("the replayed overlap was dropped").isGreaterThanOrEqualTo(2);
      assertThat(connector.reconnects()).isEqualTo(1);
    }
  }

  @Test
  void aRestartedConnectorResumesFromTheDurableCursor() throws Exception {
    AtomicInteger subscriptions = new AtomicInteger();
    StandInServer.Handler replaying = StandInJetstream.replaying(events);
    StandInServer.Handler firstFive = StandInJetstream.replaying(events.subList(0, 5));
    try (StandInServer server = new StandInServer((request, exchange) ->
        (subscriptions.incrementAndGet() == 1 ? firstFive : replaying).handle(request, exchange))) {
      try (BlueskyJetstreamConnector first = connector(server)) {
        first.start();
        await().atMost(WAIT).until(() -> String.valueOf(timeUs(5)).equals(first.acknowledgedCursor().get("time_us")));
      }
      assertThat(ConnectorCursorStore.inDataDir(dataDir, "bsky").load().cursor()).isEqualTo(Map.of("time_us", String.valueOf(timeUs(5))));

      try (BlueskyJetstreamConnector second = connector(server)) {
        second.start();
        await().atMost(WAIT).until(() -> String.valueOf(timeUs(10)).equals(second.acknowledgedCursor().get("time_us")));
        assertThat(second.duplicates()).as("events 3 to 5 came again (posts b and c, the malformed one) and were dropped").isEqualTo(3);
      }
      assertThat(server.requests("/subscribe").get(1).query("cursor")).isEqualTo(String.valueOf(timeUs(5) - 2500));
      assertThat(keys(sink.posts)).containsExactlyElementsOf(JetstreamEvents.tenPostKeys(""));
      assertThat(sink.deadLetters).hasSize(1);
    }
  }

  @Test
  void aWriteKafkaRefusesIsReplayedAfterAReconnectEvenBeforeAnythingWasAcknowledged() throws Exception {
    sink.failPostsWith = new KafkaException("broker down");
    try (StandInServer server = new StandInServer(StandInJetstream.replaying(events)); BlueskyJetstreamConnector connector = connector(server)) {
      connector.start();
      await().atMost(WAIT).until(() -> server.requests("/subscribe").size() >= 3);
      assertThat(sink.posts).isEmpty();
      sink.failPostsWith = null;

      await().atMost(WAIT).until(() -> String.valueOf(timeUs(10)).equals(connector.acknowledgedCursor().get("time_us")));
      assertThat(keys(sink.posts)).containsExactlyElementsOf(JetstreamEvents.tenPostKeys(""));
      assertThat(server.requests("/subscribe").get(1).query("cursor"))
          .as("nothing acknowledged yet: from the first event received, not the live end").isEqualTo(String.valueOf(timeUs(1) - 2500));
    }
  }
}

package io.provwatch.ingest.live;

import static io.provwatch.ingest.live.LiveTesting.keys;
import static io.provwatch.ingest.live.StandInMastodon.EVENT_STREAM;
import static io.provwatch.ingest.live.StandInMastodon.JSON;
import static io.provwatch.ingest.live.StandInMastodon.event;
import static io.provwatch.ingest.live.StandInMastodon.id;
import static io.provwatch.ingest.live.StandInMastodon.status;
import static io.provwatch.ingest.live.StandInMastodon.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.provwatch.ingest.PostRejection;
import io.provwatch.ingest.RecordingPostSink;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mastodon streaming connector against a stand-in server: SSE stream plus the REST timeline for back-fill. */
class MastodonStreamingConnectorTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String TOKEN = "s3cret-token";
  private static final String STREAM = "/api/v1/streaming/public";
  private static final String TIMELINE = "/api/v1/timelines/public";

  @TempDir Path dataDir;
  private final RecordingPostSink sink = new RecordingPostSink();
  private final StandInMastodon mastodon = new StandInMastodon();

  private MastodonStreamingConnector connector(StandInServer server) {
    return new MastodonStreamingConnector(LiveTesting.settings(dataDir, "masto", MastodonStreamingConnector.KIND), sink,
        server.uri("http", ""), null, TOKEN, "public", 5, LiveTesting.NORMALISER);
  }

  /** What the stand-in does with the n-th streaming request (counted from 1). */
  private interface Stream {
    void serve(int number, StandInServer.Request request, StandInServer.Exchange exchange) throws Exception;
  }

  /** A stand-in server: streaming requests go to {@code stream}, back-fill requests get the stand-in timeline. */
  private StandInServer server(Stream stream) throws IOException {
    AtomicInteger streams = new AtomicInteger();
    return new StandInServer((request, exchange) -> {
      if (request.path().equals(TIMELINE)) {
        exchange.respond(200, JSON, mastodon.page(request.query("min_id"), Integer.parseInt(request.query("limit"))));
      } else {
        stream.serve(streams.incrementAndGet(), request, exchange);
      }
    });
  }

  private String postId(StandInServer server, int n) {
    return "mastodon:127.0.0.1:" + server.port() + "/" + id(n);
  }

  @Test
  void aStreamDroppedMidEventIsBackFilledFromRestWithoutLossOrDuplicates() throws Exception {
    CountDownLatch firstEventsProcessed = new CountDownLatch(1);
    try (StandInServer server = server((number, request, exchange) -> {
      if (number == 1) {
        for (int n = 1; n <= 3; n++) {
          mastodon.post(n, "Harbour news " + n);
        }
        exchange.startChunked(200, EVENT_STREAM);
        exchange.chunk(":thump\n");
        exchange.chunk(update(1, "Harbour news 1") + update(2, "Harbour news 2"));
        exchange.chunk(event("status.update", status(1, "Harbour news 1, corrected", true)));
        exchange.chunk(event("update", "{\"id\":\"" + id(9) + "\",\"content\":"));
        exchange.chunk(event("delete", id(2)) + ":thump\n" + update(3, "Harbour news 3"));
        firstEventsProcessed.await(1, TimeUnit.MINUTES);
        mastodon.post(4, "Harbour news 4");
        mastodon.post(5, "Harbour news 5"); // posted while the client is away: only the REST timeline has it
        exchange.chunk(update(4, "Harbour news 4").substring(0, 40)); // the connection breaks inside an event
        exchange.drop();
      } else {
        mastodon.post(6, "Harbour news 6"); // before the stream opens, so the back-fill has it too
        exchange.startChunked(200, EVENT_STREAM);
        exchange.chunk(update(5, "Harbour news 5") + ":thump\n" + update(6, "Harbour news 6"));
        exchange.holdOpen();
      }
    }); MastodonStreamingConnector connector = connector(server)) {
      connector.start();
      await().atMost(WAIT).until(() -> sink.posts.size() == 4 && sink.deadLetters.size() == 1);
      firstEventsProcessed.countDown();

      await().atMost(WAIT).until(() -> id(6).equals(connector.acknowledgedCursor().get("last_status_id")));
      assertThat(keys(sink.posts)).containsExactly(postId(server, 1), postId(server, 2), postId(server, 1) + " edited",
          postId(server, 3), postId(server, 4), postId(server, 5), postId(server, 6));
      assertThat(sink.posts.get(2).getText()).isEqualTo("Harbour news 1, corrected");
      assertThat(sink.deadLetters).singleElement().satisfies(letter -> {
        assertThat(letter.source()).isEqualTo("mastodon-stream:masto");
        assertThat(letter.position()).startsWith(STREAM + " event 4");
        assertThat(letter.rejection().code()).isEqualTo(PostRejection.Code.MALFORMED_JSON);
      });

      List<StandInServer.Request> backfills = server.requests(TIMELINE);
      assertThat(backfills).singleElement().satisfies(r -> {
        assertThat(r.query("min_id")).isEqualTo(id(3));
        assertThat(r.query("limit")).isEqualTo("40");
      });
      assertThat(server.requests).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
      assertThat(server.requests(STREAM)).hasSize(2).allSatisfy(r -> assertThat(r.header("Accept")).isEqualTo("text/event-stream"));
      assertThat(connector.duplicates()).as("statuses 5 and 6 came by REST and by the stream").isEqualTo(2);
    }
  }

  @Test
  void aRestartedConnectorBackFillsFromTheDurableCursor() throws Exception {
    try (StandInServer server = server((number, request, exchange) -> {
      exchange.startChunked(200, EVENT_STREAM);
      if (number == 1) {
        for (int n = 1; n <= 3; n++) {
          mastodon.post(n, "Market day " + n);
          exchange.chunk(update(n, "Market day " + n));
        }
      } else {
        exchange.chunk(update(4, "Market day 4") + update(5, "Market day 5"));
      }
      exchange.holdOpen();
    })) {
      try (MastodonStreamingConnector first = connector(server)) {
        first.start();
        await().atMost(WAIT).until(() -> id(3).equals(first.acknowledgedCursor().get("last_status_id")));
      }
      mastodon.post(4, "Market day 4"); // while provwatch is stopped
      mastodon.post(5, "Market day 5");

      try (MastodonStreamingConnector second = connector(server)) {
        second.start();
        await().atMost(WAIT).until(() -> id(5).equals(second.acknowledgedCursor().get("last_status_id")));
        assertThat(second.duplicates()).as("4 and 5 came by REST, then by the stream").isEqualTo(2);
      }
      assertThat(server.requests(TIMELINE)).singleElement().satisfies(r -> assertThat(r.query("min_id")).isEqualTo(id(3)));
      assertThat(keys(sink.posts)).containsExactly(postId(server, 1), postId(server, 2), postId(server, 3), postId(server, 4), postId(server, 5));
    }
  }

  @Test
  void aBackFillLongerThanOnePageIsReadPageByPageOldestFirst() throws Exception {
    try (StandInServer server = server((number, request, exchange) -> {
      exchange.startChunked(200, EVENT_STREAM);
      if (number == 1) {
        mastodon.post(1, "Tide table 1");
        exchange.chunk(update(1, "Tide table 1"));
        await().atMost(WAIT).until(() -> sink.posts.size() == 1);
        for (int n = 2; n <= 90; n++) {
          mastodon.post(n, "Tide table " + n);
        }
        exchange.drop();
      } else {
        exchange.holdOpen();
      }
    }); MastodonStreamingConnector connector = connector(server)) {
      connector.start();
      await().atMost(WAIT).until(() -> id(90).equals(connector.acknowledgedCursor().get("last_status_id")));
      assertThat(server.requests(TIMELINE)).extracting(r -> r.query("min_id")).containsExactly(id(1), id(41), id(81));
      assertThat(sink.posts).hasSize(90);
      assertThat(keys(sink.posts)).doesNotHaveDuplicates().first().isEqualTo(postId(server, 1));
      assertThat(sink.posts).extracting(p -> p.getId().substring(p.getId().lastIndexOf('/') + 1))
          .as("published oldest first").isSortedAccordingTo(MastodonStreamingConnector::compareIds);
    }
  }

  @Test
  void aRefusedTokenIsRetriedWithBackoffAndTheConnectorLivesOn() throws Exception {
    try (StandInServer server = server((number, request, exchange) -> {
      if (number <= 2) {
        exchange.respond(401, JSON, "{\"error\":\"The access token is invalid\"}");
        return;
      }
      exchange.startChunked(200, EVENT_STREAM);
      exchange.chunk(update(1, "Bridge reopened"));
      exchange.holdOpen();
    }); MastodonStreamingConnector connector = connector(server)) {
      connector.start();
      await().atMost(WAIT).until(() -> sink.posts.size() == 1);
      assertThat(server.requests(STREAM)).hasSize(3);
      assertThat(connector.reconnects()).isEqualTo(2);
      assertThat(connector.isConnected()).isTrue();
    }
  }

  @Test
  void theTokenIsNeverInWhatTheConnectorSaysAboutItself() {
    assertThat(LiveConnector.redact("wss://host/api/v1/streaming/public?access_token=abc123&stream=public"))
        .isEqualTo("wss://host/api/v1/streaming/public?access_token=[hidden]&stream=public");
    try (MastodonStreamingConnector connector = new MastodonStreamingConnector(LiveTesting.settings(dataDir, "masto", "mastodon-stream"), sink,
        java.net.URI.create("https://town.example"), null, TOKEN, "hashtag:harbour", 5, LiveTesting.NORMALISER)) {
      assertThat(connector.endpoint()).isEqualTo("https://town.example/api/v1/streaming/hashtag?tag=harbour").doesNotContain(TOKEN);
      assertThat(connector.timelinePath("7")).isEqualTo("/api/v1/timelines/tag/harbour?min_id=7&limit=40");
      assertThat(connector.toString()).doesNotContain(TOKEN);
    }
  }

  @Test
  void aStreamThatFallsSilentIsDroppedAfterTheIdleTimeoutAndMadeAnew() throws Exception {
    try (StandInServer server = server((number, request, exchange) -> {
      mastodon.post(number, "Weather warning " + number);
      exchange.startChunked(200, EVENT_STREAM);
      exchange.chunk(update(number, "Weather warning " + number));
      exchange.holdOpen(); // and then nothing, not even a heartbeat
    }); MastodonStreamingConnector connector = new MastodonStreamingConnector(
        LiveTesting.settings(dataDir, "masto", MastodonStreamingConnector.KIND, Duration.ofMillis(300)), sink,
        server.uri("http", ""), null, null, "public", 5, LiveTesting.NORMALISER)) {
      connector.start();
      await().atMost(WAIT).until(() -> sink.posts.size() >= 3);
      assertThat(keys(sink.posts).subList(0, 3)).containsExactly(postId(server, 1), postId(server, 2), postId(server, 3));
      assertThat(keys(sink.posts)).doesNotHaveDuplicates();
      assertThat(server.requests(STREAM).get(0).header("Authorization")).as("no token configured").isNull();
    }
  }
}

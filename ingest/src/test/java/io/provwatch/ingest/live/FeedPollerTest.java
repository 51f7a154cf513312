package io.provwatch.ingest.live;

import static io.provwatch.ingest.live.LiveTesting.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.provwatch.ingest.RecordingPostSink;
import io.provwatch.ingest.formats.FeedFormat;
import io.provwatch.ingest.formats.JsonFeedFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feed poller against a stand-in feed server: conditional requests, 304s, a body cut off, a restart. */
class FeedPollerTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String RSS = "application/rss+xml; charset=utf-8";
  private static final String MODIFIED_V1 = "Fri, 20 Nov 2026 10:30:00 GMT";

  @TempDir Path dataDir;
  private final RecordingPostSink sink = new RecordingPostSink();

  private FeedPoller poller(StandInServer server, String path) {
    return new FeedPoller(LiveTesting.settings(dataDir, "gazette", FeedPoller.KIND), sink, server.uri("http", path), Duration.ofMillis(20),
        new FeedFormat(LiveTesting.NORMALISER), new JsonFeedFormat(LiveTesting.NORMALISER), Clock.systemUTC());
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = Objects.requireNonNull(FeedPollerTest.class.getResourceAsStream("/live/" + name), name)) {
      return in.readAllBytes();
    }
  }

  @Test
  void notModifiedPollsPublishNothingABrokenBodyIsFetchedAgainAndEntriesListedAgainAreNotRepublished() throws Exception {
    byte[] v1 = fixture("town-news-v1.rss");
    byte[] v2 = fixture("town-news-v2.rss");
    try (StandInServer server = new StandInServer((request, exchange) -> {
      String validator = request.header("If-None-Match");
      switch (request.number()) {
        case 1 -> exchange.respond(200, Map.of("Content-Type", RSS, "ETag", "\"v1\"", "Last-Modified", MODIFIED_V1), v1);
        case 2 -> exchange.respond("\"v1\"".equals(validator) ? 304 : 200, Map.of("ETag", "\"v1\""), v1);
        case 3 -> exchange.respondPartially(200, Map.of("Content-Type", RSS, "ETag", "\"v2\""), v2, v2.length / 2); // the feed changed; the body breaks off
        default -> exchange.respond("\"v2\"".equals(validator) ? 304 : 200, Map.of("Content-Type", RSS, "ETag", "\"v2\""), v2);
      }
    }); FeedPoller poller = poller(server, "/feed.rss")) {
      poller.start();
      await().atMost(WAIT).until(() -> server.requests.size() >= 6);

      assertThat(keys(sink.posts)).as("oldest first, each once").containsExactly(
          "rss:urn:gazette:story-101", "rss:urn:gazette:story-102", "rss:urn:gazette:story-103", "rss:urn:gazette:story-104");
      assertThat(sink.posts.get(2).getUrls()).startsWith("https://gazette.example/2026/11/ferry-timetable");
      assertThat(sink.posts.get(3).getSource().getConnector()).isEqualTo("feed:gazette");
      assertThat(sink.deadLetters).as("a body cut off is a connection failure, not a bad feed").isEmpty();

      List<StandInServer.Request> polls = server.requests;
      assertThat(polls.get(0).header("If-None-Match")).isNull();
      assertThat(polls.get(1).header("If-None-Match")).isEqualTo("\"v1\"");
      assertThat(polls.get(1).header("If-Modified-Since")).isEqualTo(MODIFIED_V1);
      assertThat(polls.get(2).header("If-None-Match")).isEqualTo("\"v1\"");
      assertThat(polls.get(3).header("If-None-Match")).as("the broken poll did not move the validators").isEqualTo("\"v1\"");
      assertThat(polls.get(4).header("If-None-Match")).isEqualTo("\"v2\"");
      assertThat(polls.get(4).header("If-Modified-Since")).as("v2 came without Last-Modified").isNull();
      assertThat(poller.duplicates()).as("stories 102 and 103 were listed again").isEqualTo(2);
    }
  }

  @Test
  void aRestartedPollerSendsItsSavedValidatorsAndPublishesOnlyNewAndEditedEntries() throws Exception {
    byte[] v1 = fixture("council-v1.atom");
    byte[] v2 = fixture("council-v2.atom");
    try (StandInServer server = new StandInServer((request, exchange) -> {
      if (request.number() == 1) {
        exchange.respond(200, Map.of("Content-Type", "application/atom+xml", "ETag", "W/\"c1\""), v1);
      } else if ("W/\"c1\"".equals(request.header("If-None-Match")) && request.number() == 2) {
        exchange.respond(304, Map.of(), new byte[0]);
      } else {
        exchange.respond(200, Map.of("Content-Type", "application/atom+xml", "ETag", "W/\"c2\""), v2);
      }
    })) {
      try (FeedPoller first = poller(server, "/news.atom")) {
        first.start();
        await().atMost(WAIT).until(() -> "W/\"c1\"".equals(first.acknowledgedCursor().get("etag")));
      }
      assertThat(sink.posts).hasSize(2);

      try (FeedPoller second = poller(server, "/news.atom")) {
        second.start();
        await().atMost(WAIT).until(() -> "W/\"c2\"".equals(second.acknowledgedCursor().get("etag")));
      }
      assertThat(server.requests.get(1).header("If-None-Match")).as("the saved ETag, after the restart").isEqualTo("W/\"c1\"");
      assertThat(keys(sink.posts)).containsExactly("rss:tag:council.example,2026:news-11", "rss:tag:council.example,2026:news-12",
          "rss:tag:council.example,2026:news-12 edited", "rss:tag:council.example,2026:news-13");
      assertThat(sink.posts.get(2).getText()).startsWith("Harbour works: week two (corrected dates)");
    }
  }

  @Test
  void aJsonFeedIsReadByTheJsonFeedFormat() throws Exception {
    byte[] feed = fixture("links.json");
    try (StandInServer server = new StandInServer((request, exchange) ->
        exchange.respond(200, Map.of("Content-Type", "application/feed+json"), feed));
        FeedPoller poller = poller(server, "/feed.json")) {
      poller.start();
      await().atMost(WAIT).until(() -> poller.duplicates() >= 2); // the second poll listed both again
      assertThat(keys(sink.posts)).containsExactly("rss:https://links.example/2026/11/20/choir", "rss:https://links.example/2026/11/21/tides");
    }
  }
}

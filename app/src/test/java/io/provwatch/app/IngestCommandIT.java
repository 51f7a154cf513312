package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.provwatch.avro.DeadLetter;
import io.provwatch.avro.Post;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provwatch ingest <format> <file|url>} end to end on the shared broker and registry: a
 * Jetstream-shaped file and an RSS feed served from 127.0.0.1 land on {@code posts}, a broken line
 * on {@code posts.dlq} with its source, position and reason, and a like is only counted.
 */
class IngestCommandIT {
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();
  private final ProvwatchConfig config = cluster.config(Map.of());
  /** This run's ids: topics are shared with other tests and runs. */
  private final String run = SharedKafkaCluster.unique("cli").replace("-", "");
  @TempDir Path dir;

  /** {@code provwatch ingest <args>} on the shared cluster. */
  private CliRun ingest(String... args) {
    String[] all = new String[args.length + 7];
    all[0] = "ingest";
    System.arraycopy(args, 0, all, 1, args.length);
    System.arraycopy(new String[] {"--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url", cluster.schemaRegistryUrl(),
        "--data-dir", dir.resolve("data").toString()}, 0, all, args.length + 1, 6);
    return CliRun.of(all);
  }

  private String jetstreamCommit(String collection, String rkey, long timeUs, String record) {
    return "{\"did\":\"did:plc:" + run + "\",\"time_us\":" + timeUs + ",\"kind\":\"commit\",\"commit\":{\"rev\":\"3mptbypcq372f\","
        + "\"operation\":\"create\",\"collection\":\"" + collection + "\",\"rkey\":\"" + rkey + "\",\"record\":" + record + ",\"cid\":\"bafyrei" + run + "\"}}";
  }

  @Test
  void aJetstreamFileIsPublishedWithTheBadLineDeadLetteredAndTheLikeSkipped() throws Exception {
    Path file = dir.resolve("jetstream-" + run + ".jsonl");
    String broken = "{\"did\":\"did:plc:" + run + "\",\"time_us\":1783175888099999,\"kind\":\"commit\",\"commit\":{\"operation\":";
    Files.writeString(file, String.join("\n",
        jetstreamCommit("app.bsky.feed.post", "3mptbyoeyc22k", 1783175888090631L,
            "{\"$type\":\"app.bsky.feed.post\",\"createdAt\":\"2026-11-20T14:38:06.240Z\",\"langs\":[\"en\"],\"text\":\"Harbour report #OpenData\","
                + "\"facets\":[{\"features\":[{\"$type\":\"app.bsky.richtext.facet#tag\",\"tag\":\"OpenData\"}],\"index\":{\"byteStart\":15,\"byteEnd\":24}}]}"),
        jetstreamCommit("app.bsky.feed.like", "3mptbyqlike2k", 1783175888094841L,
            "{\"$type\":\"app.bsky.feed.like\",\"createdAt\":\"2026-11-20T14:38:07Z\",\"subject\":{\"uri\":\"at://did:plc:x/app.bsky.feed.post/1\",\"cid\":\"bafy\"}}"),
        broken,
        jetstreamCommit("app.bsky.feed.post", "3mptbyqhi7s2f", 1783175888098000L,
            "{\"$type\":\"app.bsky.feed.post\",\"createdAt\":\"2026-11-20T14:38:08Z\",\"langs\":[\"en\"],\"text\":\"Second post\"}"))
        + "\n");

    CliRun result = ingest("bluesky-jetstream", file.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("ingest bluesky-jetstream " + file.getFileName() + " done: 4 lines, 2 posts published, "
        + "1 rejected (1 dead-lettered), 1 skipped, 0 failed");
    String first = "bluesky:at://did:plc:" + run + "/app.bsky.feed.post/3mptbyoeyc22k";
    List<Post> posts = TopicRecords.readCommitted(config, Topics.POSTS, p -> p.getId().contains(run), 2);
    assertThat(posts).extracting(Post::getId).containsExactlyInAnyOrder(first, "bluesky:at://did:plc:" + run + "/app.bsky.feed.post/3mptbyqhi7s2f");
    assertThat(posts).filteredOn(p -> p.getId().equals(first)).singleElement().satisfies(p -> {
      assertThat(p.getText()).isEqualTo("Harbour report #OpenData");
      assertThat(p.getHashtags()).containsExactly("opendata");
      assertThat(p.getCreatedAt()).isEqualTo(Instant.parse("2026-11-20T14:38:06.240Z"));
      assertThat(p.getSource().getConnector()).isEqualTo("bluesky-jetstream:file");
      assertThat(p.getSource().getPosition()).isEqualTo(file.getFileName() + ":1#time_us=1783175888090631");
    });
    List<DeadLetter> letters = TopicRecords.readCommitted(config, Topics.POSTS_DLQ,
        d -> d.getPosition() != null && d.getPosition().startsWith(file.getFileName() + ":"), 1);
    assertThat(letters).singleElement().satisfies(d -> {
      assertThat(d.getSource()).isEqualTo("bluesky-jetstream:file");
      assertThat(d.getPosition()).isEqualTo(file.getFileName() + ":3");
      assertThat(d.getErrorCode()).isEqualTo("MALFORMED_JSON");
      assertThat(d.getMessage()).contains("not valid JSON");
      assertThat(d.getStage()).isEqualTo("ingest");
      assertThat(StandardCharsets.UTF_8.decode(d.getRaw().duplicate()).toString()).isEqualTo(broken);
    });
  }

  @Test
  void anRssFeedServedOverHttpIsPublished() throws Exception {
    String feed = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>Harbour News</title>"
        + "<link>https://news.example/</link><description>d</description>"
        + "<item><title>Ferry timetable " + run + "</title><link>https://news.example/ferry?utm_source=rss</link>"
        + "<guid isPermaLink=\"false\">urn:harbour:" + run + ":1</guid><pubDate>Fri, 20 Nov 2026 09:15:00 +0000</pubDate>"
        + "<description>The new timetable.</description></item>"
        + "<item><title>Storm warning " + run + "</title><link>https://news.example/storm</link>"
        + "<guid isPermaLink=\"false\">urn:harbour:" + run + ":2</guid><pubDate>Fri, 20 Nov 2026 10:00:00 +0000</pubDate></item>"
        + "</channel></rss>";
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/feed.xml", exchange -> {
      byte[] body = feed.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";

      CliRun result = ingest("feed", url, "--timeout", "20");

      assertThat(result.exitCode()).as(result.err()).isZero();
      assertThat(result.err()).contains("ingest feed " + url + " done: 1 document, 2 posts published, 0 rejected");
      List<Post> posts = TopicRecords.readCommitted(config, Topics.POSTS, p -> p.getId().contains(run), 2);
      assertThat(posts).extracting(Post::getId).containsExactlyInAnyOrder("rss:urn:harbour:" + run + ":1", "rss:urn:harbour:" + run + ":2");
      assertThat(posts).filteredOn(p -> p.getId().endsWith(":1")).singleElement().satisfies(p -> {
        assertThat(p.getUrls()).first().isEqualTo("https://news.example/ferry");
        assertThat(p.getOriginalUrls()).first().isEqualTo("https://news.example/ferry?utm_source=rss");
        assertThat(p.getSource().getConnector()).isEqualTo("feed:url");
        assertThat(p.getSource().getPosition()).startsWith(url + "#");
      });
    } finally {
      server.stop(0);
    }
  }
}

package io.provwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.avro.Author;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay in which one post of the range never reaches an output (the copy into the replay's input
 * loses it, as a stage that drops a post would): the replay waits its bound, then says which post is
 * missing, and both reports are marked INCOMPLETE.
 */
class IncompleteReplayIT {
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  @TempDir Path dir;

  @Test
  void aPostThatIsNeitherAssessedNorDeadLetteredMakesTheAuditIncompleteAndIsNamed() throws Exception {
    String run = SharedKafkaCluster.unique("incomplete");
    ProvwatchConfig config = cluster.config(Map.of());
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Instant created = Instant.parse("2026-11-20T09:00:00Z").plusSeconds(i);
      posts.add(Post.newBuilder().setId("mastodon:" + run + "-p" + i).setPlatform("mastodon")
          .setAuthor(Author.newBuilder().setId("author-" + i).build()).setCreatedAt(created).setObservedAt(created)
          .setText("Ferry timetable " + i + " for " + run).setSource(SourcePosition.newBuilder().setConnector("test").setPosition("p" + i).build())
          .build());
    }
    // record timestamps of now: a replay finds its range by timestamp, which on posts grows with the offsets
    Instant from = Instant.ofEpochMilli(System.currentTimeMillis() - 1);
    TopicRecords.produce(config, Topics.POSTS, posts, Post::getId);
    Instant to = Instant.ofEpochMilli(System.currentTimeMillis() + 1);
    String lost = "mastodon:" + run + "-p2";

    StringWriter progress = new StringWriter();
    Replay replay = new Replay(config, new ReplayProgress(new PrintWriter(progress), "replay " + run, false), Clock.systemUTC(),
        postId -> !postId.equals(lost));
    Replay.Result result = replay.run(new Replay.Request(from, to, null, run, dir, Duration.ofSeconds(2)));

    assertThat(result.complete()).isFalse();
    assertThat(result.incompleteSummary()).isEqualTo("1 of 5 posts of the range were neither assessed nor dead-lettered (first: " + lost + ")");
    assertThat(progress.toString()).contains("waiting up to").contains("INCOMPLETE: 5 posts, 4 assessed, 0 dead-lettered, 1 missing");
    assertThat(result.missingIds()).hasContent(lost);

    JsonNode json = new ObjectMapper().readTree(result.json().toFile());
    assertThat(json.at("/status").asText()).isEqualTo("INCOMPLETE");
    assertThat(json.at("/accounting/postsInRange").asLong()).isEqualTo(5);
    assertThat(json.at("/accounting/assessed").asLong()).isEqualTo(4);
    assertThat(json.at("/accounting/missingPostIds/0").asText()).isEqualTo(lost);
    assertThat(json.at("/missingPostIdsFile").asText()).isEqualTo(result.missingIds().getFileName().toString());
    assertThat(Files.readString(result.html())).contains(": INCOMPLETE</h1>").contains("<code>" + lost + "</code>");
  }
}

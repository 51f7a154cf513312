package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.platform.testing.SharedKafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provwatch deadletters tail} on the shared broker and registry: a line that ingest rejected
 * is found on {@code posts.dlq} with its source, position, reason and the input itself.
 */
class DeadLettersCommandIT {
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();
  /** This run's ids: posts.dlq is shared with other tests and runs. */
  private final String run = SharedKafkaCluster.unique("dlq").replace("-", "");
  @TempDir Path dir;

  private CliRun provwatch(String... args) {
    List<String> all = new java.util.ArrayList<>(Arrays.asList(args));
    all.addAll(List.of("--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url", cluster.schemaRegistryUrl(),
        "--data-dir", dir.resolve("data").toString()));
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void aRejectedLineIsPrintedWithItsSourcePositionReasonAndInput() throws Exception {
    Path file = dir.resolve("posts-" + run + ".jsonl");
    String noId = "{\"platform\":\"mastodon\",\"text\":\"no id here " + run + "\"}";
    Files.writeString(file, noId + "\n");
    CliRun ingest = provwatch("ingest", "canonical", file.toString());
    assertThat(ingest.exitCode()).as(ingest.err()).isZero();

    CliRun text = provwatch("deadletters", "tail", "--from-beginning", "--idle-timeout", "3");
    CliRun json = provwatch("deadletters", "tail", "--topic", "posts.dlq", "--from-beginning", "--idle-timeout", "3", "--json");

    assertThat(text.exitCode()).as(text.err()).isZero();
    assertThat(text.out()).contains("ingest  MISSING_FIELD  ")
        .contains(" at " + file.getFileName() + ":1")
        .contains("missing required field 'id'")
        .contains("no id here " + run);
    assertThat(json.exitCode()).as(json.err()).isZero();
    JsonNode mine = null;
    for (String line : json.out().split("\\R")) {
      JsonNode node = new ObjectMapper().readTree(line);
      if (node.path("position").asText().startsWith(file.getFileName() + ":")) {
        mine = node;
      }
    }
    assertThat(mine).as(json.out()).isNotNull();
    assertThat(mine.get("rawText").asText()).isEqualTo(noId);
    assertThat(mine.get("stage").asText()).isEqualTo("ingest");
  }

  @Test
  void aTopicThatHoldsNoDeadLettersIsRefusedWithTheChoices() {
    CliRun result = provwatch("deadletters", "tail", "--topic", "alerts");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("--topic alerts is not a dead-letter topic; use one of posts.dlq, assessments.dlq")
        .contains("audit.<run-id>.dlq").doesNotContain("\tat ");
  }

  @Test
  void anAuditRunThatDoesNotExistGetsAClearMessage() {
    CliRun result = provwatch("deadletters", "tail", "--topic", "audit.nosuchrun" + run + ".dlq", "--idle-timeout", "1");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("topic audit.nosuchrun" + run + ".dlq does not exist").doesNotContain("\tat ");
  }
}

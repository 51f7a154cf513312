package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.DeadLetter;
import io.provwatch.avro.DomainCredibility;
import io.provwatch.avro.DomainRating;
import io.provwatch.avro.FactCheck;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provwatch factchecks import} and {@code provwatch domains import} on the shared cluster: good
 * rows land on their compacted topic under their key, bad rows on imports.dlq with file, line and reason.
 */
class ReferenceImportCommandIT {
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();
  private final ProvwatchConfig config = cluster.config(Map.of());
  /** This run's ids: topics are shared with other tests and runs. */
  private final String run = SharedKafkaCluster.unique("imp").replace("-", "");
  @TempDir Path dir;

  private CliRun provwatch(String... args) {
    String[] all = new String[args.length + 6];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(new String[] {"--bootstrap-servers", cluster.bootstrapServers(), "--schema-registry-url", cluster.schemaRegistryUrl(),
        "--data-dir", dir.resolve("data").toString()}, 0, all, args.length, 6);
    return CliRun.of(all);
  }

  @Test
  void aLiarFileIsImportedWithItsBadRowDeadLetteredAndReportedByLine() throws Exception {
    Path file = dir.resolve("liar-" + run + ".tsv");
    Files.writeString(file, run + "1.json\tfalse\tThe harbour tunnel " + run + " closes for ten years.\ttransport\tjane-roe\n"
        + run + "2.json\tnot-a-label\tSomething " + run + ".\tmisc\tx\n");
    CliRun result = provwatch("factchecks", "import", "liar", file.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err()).contains("line 2 rejected, INVALID_FIELD: label: 'not-a-label'")
        .contains("2 rows, 1 written to factchecks, 1 rejected (to imports.dlq), 0 skipped, 0 failed");
    assertThat(TopicRecords.readCommitted(config, Topics.FACTCHECKS, c -> c.getId().equals("liar:" + run + "1"), 1)).singleElement()
        .satisfies(c -> assertThat(c.getVerdict()).isEqualTo(ClaimVerdict.FALSE));
    DeadLetter letter = TopicRecords.readCommitted(config, Topics.IMPORTS_DLQ, d -> d.getPosition().equals(file.getFileName() + ":2"), 1).get(0);
    assertThat(letter.getErrorCode()).isEqualTo("INVALID_FIELD");
    assertThat(letter.getStage()).isEqualTo("import");
    assertThat(letter.getSource()).isEqualTo("liar-import");
    assertThat(StandardCharsets.UTF_8.decode(letter.getRaw().duplicate()).toString()).startsWith(run + "2.json\tnot-a-label");
  }

  @Test
  void aDomainsCsvIsImportedKeyedByRegistrableDomain() throws Exception {
    Path file = dir.resolve("domains-" + run + ".csv");
    Files.writeString(file, "domain,rating,source\nhttps://news." + run + ".co.uk/x,low,Test list\n");
    CliRun result = provwatch("domains", "import", file.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    DomainRating rating = TopicRecords.readCommitted(config, Topics.DOMAINS, d -> d.getDomain().equals(run + ".co.uk"), 1).get(0);
    assertThat(rating.getRating()).isEqualTo(DomainCredibility.LOW);
  }

  @Test
  void aMissingFileIsAUsageErrorNotAStackTrace() {
    CliRun result = provwatch("factchecks", "import", "claimreview", dir.resolve("nope.json").toString());
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("no such file").doesNotContain("Exception");
  }
}

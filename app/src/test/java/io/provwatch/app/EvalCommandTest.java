package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code provwatch eval claims} on a small hand-made benchmark folder in the CheckThat! layout. */
class EvalCommandTest {
  @TempDir Path dir;

  /** Eight claims, four dev queries: three judged (two found first, one repeating nothing the words share), one unjudged. */
  private Path writeBenchmark() throws Exception {
    Path set = Files.createDirectories(dir.resolve("tiny-set"));
    Files.write(set.resolve("vclaims.jsonl"), List.of(
        "{\"id\": \"c1\", \"title\": \"Is the Harbour Tunnel Closing for Ten Years?\", \"claim\": \"The harbour tunnel will be closed for ten years starting next month.\", \"url\": null, \"date\": \"2020-03-02\"}",
        "{\"id\": \"c2\", \"title\": \"Does Seawater Cure the Flu?\", \"claim\": \"Drinking seawater every morning cures the flu within a single day.\", \"url\": \"https://checks.example/seawater\", \"date\": \"2020-01-10\"}",
        "{\"id\": \"c3\", \"title\": \"Ferry Passenger Record\", \"claim\": \"The ferry carried more passengers last year than in any year before.\", \"url\": null, \"date\": null}",
        "{\"id\": \"c4\", \"title\": \"Library Sold to a Casino?\", \"claim\": \"City hall sold the old library building to a casino operator in secret.\", \"url\": null, \"date\": null}",
        "{\"id\": \"c5\", \"title\": \"Free Buses From June?\", \"claim\": \"Every bus in the county will be free of charge from the first of June.\", \"url\": null, \"date\": null}",
        "{\"id\": \"c6\", \"title\": \"Who Paid for the Stadium?\", \"claim\": \"The new stadium was paid for entirely by a foreign government.\", \"url\": null, \"date\": null}",
        "{\"id\": \"c7\", \"title\": \"Arsenic in Tap Water?\", \"claim\": \"Tap water in the old town contains dangerous levels of arsenic.\", \"url\": null, \"date\": null}",
        "{\"id\": \"c8\", \"title\": \"Council Staff Abroad\", \"claim\": \"Half of the council staff work from their holiday homes abroad.\", \"url\": null, \"date\": null, \"speaker\": \"A. Blogger\", \"truth_label\": \"pants-fire\"}"));
    Files.write(set.resolve("queries-dev.jsonl"), List.of(
        "{\"id\": \"q1\", \"text\": \"WOW they are closing the #HarbourTunnel for TEN years from next month!! https://t.co/x — Jo Bloggs (@jobloggs) March 1, 2020\", \"date\": \"2020-03-01\"}",
        "{\"id\": \"q2\", \"text\": \"my gran swears drinking seawater every morning cures flu in a day \\ud83d\\ude02\", \"date\": null}",
        "{\"id\": \"q3\", \"text\": \"Lovely walk along the beach this evening with the dog\", \"date\": null}",
        "{\"id\": \"q4\", \"text\": \"The ferry broke its passenger record\", \"date\": null}"));
    Files.write(set.resolve("qrels-dev.tsv"), List.of("q1\tc1", "q2\tc2", "q3\tc6"));
    return set;
  }

  @Test
  void ranksTheCollectionForEveryJudgedQueryAndPrintsMap5First() throws Exception {
    Path set = writeBenchmark();
    Path json = dir.resolve("eval.json");
    CliRun run = CliRun.of("eval", "claims", "--benchmark", set.toString(), "--split", "dev", "--negatives", dir.resolve("absent").toString(),
        "--json", json.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("MAP@5 0.6667").contains("MRR", "P@1", "R@5", "R@20", "µs CPU/query", "BM25 alone", "BM25 + re-ranker");
    assertThat(run.err()).contains("no decision figures");

    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("claims").asInt()).isEqualTo(8);
    assertThat(report.get("queries").asInt()).isEqualTo(4);
    assertThat(report.get("judged").asInt()).as("q4 has no judgement and is not scored").isEqualTo(3);
    // q1 and q2 find their claim first; q3 shares no word with c6
    assertThat(report.get("reranked").get("map5").asDouble()).isEqualTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(report.get("reranked").get("precisionAt1").asDouble()).isEqualTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(report.get("bm25").get("recallAt20").asDouble()).isEqualTo(2.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(report.get("decision").isNull()).isTrue();
  }

  @Test
  void aFolderWithoutTheSplitIsAnError() throws Exception {
    Path set = writeBenchmark();
    CliRun run = CliRun.of("eval", "claims", "--benchmark", set.toString(), "--split", "test");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("queries-test.jsonl", "qrels-test.tsv");
  }
}

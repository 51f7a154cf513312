package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code provwatch bench} on a small run: every post goes through both phases and the report says so. */
class BenchCommandIT {
  @TempDir Path dir;

  @Test
  void bothPhasesSeeEveryPostAndTheReportHoldsThroughputsRatioAndLatencies() throws Exception {
    Path report = dir.resolve("bench.json");
    StringWriter out = new StringWriter();
    CommandLine cli = ProvwatchCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    // a claim bank of two verified claims, in the CheckThat! format: the claim lookup runs on every post
    Path claims = dir.resolve("vclaims.jsonl");
    Files.writeString(claims, """
        {"id": "vclaim-1", "title": "Harbour closed for good?", "claim": "The city harbour closes for good next month.", "date": "2026-11-01"}
        {"id": "vclaim-2", "title": "Tram fares", "claim": "Tram fares triple from January.", "date": "2026-10-12"}
        """);
    int code = cli.execute("bench", "--posts", "400", "--warmup", "100", "--claims", claims.toString(), "--report", report.toString());

    assertThat(code).isZero();
    assertThat(out.toString()).contains("pipeline / identity throughput").contains("identity").contains("pipeline");
    JsonNode json = new ObjectMapper().readTree(Files.readString(report));
    assertThat(json.at("/settings/posts").asInt()).isEqualTo(400);
    assertThat(json.at("/identity/latencyMs/samples").asLong()).as("every post copied once").isEqualTo(400);
    assertThat(json.at("/pipeline/assessments").asLong()).as("every post assessed once").isEqualTo(400);
    long alerts = json.at("/pipeline/alerts").asLong();
    assertThat(alerts).as("the synthetic stream raises alerts").isPositive().isLessThan(400);
    assertThat(json.at("/pipeline/latencyMs/samples").asLong()).isEqualTo(alerts);
    for (String phase : new String[] {"identity", "pipeline"}) {
      assertThat(json.at("/" + phase + "/postsPerSecond").asDouble()).isPositive();
      double p50 = json.at("/" + phase + "/latencyMs/p50").asDouble();
      assertThat(p50).isPositive().isLessThanOrEqualTo(json.at("/" + phase + "/latencyMs/p99").asDouble());
    }
    assertThat(json.at("/pipelineToIdentityRatio").asDouble())
        .isCloseTo(json.at("/pipeline/postsPerSecond").asDouble() / json.at("/identity/postsPerSecond").asDouble(),
            org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void anUnreadableClaimBankIsRefusedBeforeAnythingStarts() {
    StringWriter err = new StringWriter();
    CommandLine cli = ProvwatchCommand.newCommandLine();
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("bench", "--claims", dir.resolve("missing.jsonl").toString(), "--report", dir.resolve("r.json").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--claims: cannot read").doesNotContain("\tat ");
    assertThat(dir.resolve("r.json")).doesNotExist();
  }

  @Test
  void aBadRateIsRefusedBeforeAnythingStarts() {
    StringWriter err = new StringWriter();
    CommandLine cli = ProvwatchCommand.newCommandLine();
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute("bench", "--rate", "-5", "--report", dir.resolve("r.json").toString());
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--rate must be a positive number").doesNotContain("\tat ");
    assertThat(dir.resolve("r.json")).doesNotExist();
  }
}

package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code provwatch eval alerts} end to end on the real pipeline, without any shared data: every data part
 * is skipped with a message and the bundled sample is measured, so the test runs on a fresh clone.
 */
class EvalAlertsIT {
  @TempDir Path dir;

  @Test
  void withoutSharedDataTheSampleIsMeasuredAndItsContextPostsOpenNoAlert() throws Exception {
    Path absent = dir.resolve("absent");
    Path json = dir.resolve("alerts.json");
    CliRun run = CliRun.of("eval", "alerts", "--formats", absent.toString(), "--coordination", absent.toString(), "--misinfo", absent.toString(),
        "--ai-text", absent.toString(), "--json", json.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("skipped the real payloads", "skipped the German elections stream", "skipped the false claims",
        "skipped the CheckThat! tweets", "skipped the machine-written texts");

    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("ordinaryPosts").asInt()).as("no ordinary traffic without the shared data").isZero();
    assertThat(report.get("settings").get("sink.alert.open.min.scores").asText()).contains("unseen-original=never");
    JsonNode context = group(report, "context: sample, not planted");
    assertThat(context.get("count").asInt()).isEqualTo(203 - planted(report));
    assertThat(context.get("alerted").asInt()).as("reposts of unseen originals and undigested media alone open nothing").isZero();
    assertThat(group(report, "must alert: sample low-credibility-link").get("alerted").asInt()).isPositive();
    assertThat(group(report, "must alert: sample copy").get("alerted").asInt()).isPositive();
  }

  private static JsonNode group(JsonNode report, String name) {
    for (JsonNode g : report.get("groups")) {
      if (g.get("name").asText().equals(name)) {
        return g;
      }
    }
    throw new AssertionError("no group " + name + " in " + report);
  }

  private static int planted(JsonNode report) {
    int n = 0;
    for (JsonNode g : report.get("groups")) {
      n += g.get("name").asText().startsWith("must alert: sample") ? g.get("count").asInt() : 0;
    }
    return n;
  }
}

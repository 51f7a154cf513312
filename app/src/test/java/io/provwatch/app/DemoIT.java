package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code provwatch demo} end to end: broker, registry, ingest, scoring and sink in one JVM on the bundled sample. */
class DemoIT {
  @TempDir Path dir;

  private String[] demo(String... extra) {
    String[] base = {"demo", "--data-dir", dir.resolve("data").toString(), "--until-idle", "6",
        "--set", "embedded.kafka.port=0", "--set", "embedded.kafka.controller.port=0",
        "--set", "embedded.registry.port=0", "--set", "http.port=0"};
    String[] all = new String[base.length + extra.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extra, 0, all, base.length, extra.length);
    return all;
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void theSampleStreamRaisesAlertsAndARestartResumesWithoutFeedingItAgain() {
    CliRun first = run(demo("--json"));
    assertThat(first.exitCode()).isZero();
    assertThat(first.out()).contains("\"category\":\"provenance-gap\"").contains("\"severity\":\"CRITICAL\"")
        .contains("unattributed-copy.originalPostId").contains("\"modelVersion\":\"provwatch-heuristics-1+aitext-2-");
    long alerts = first.out().lines().filter(l -> l.startsWith("{")).count();
    assertThat(alerts).isGreaterThan(10);
    assertThat(first.out().lines().filter(l -> l.contains("\"groupKey\":\"campaign:")))
        .as("the sample's campaign is one coordination alert, updated as members join")
        .anyMatch(l -> l.contains("\"status\":\"OPENED\"") && l.contains("\"category\":\"coordination\""))
        .anyMatch(l -> l.contains("\"status\":\"UPDATED\"") && l.contains("\"category\":\"coordination\""));

    CliRun second = run(demo());
    assertThat(second.exitCode()).isZero();
    assertThat(second.out()).as("nothing new to alert on after a restart").isEmpty();
  }

  @Test
  void aBadSettingEndsWithOneClearLineAndNoStackTrace() {
    CliRun bad = run("demo", "--data-dir", dir.resolve("x").toString(), "--set", "embedded.kafka.port=0",
        "--set", "embedded.registry.port=0", "--set", "http.port=0", "--set", "sink.severity.thresholds=urgent=0.9");
    assertThat(bad.exitCode()).isEqualTo(CliErrors.CONFIG_ERROR);
    assertThat(bad.err()).contains("configuration error").contains("sink.severity.thresholds").doesNotContain("\tat ");
    assertThat(dir.resolve("x")).as("nothing was started").doesNotExist();
  }
}

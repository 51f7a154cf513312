package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./provwatch} script, as a user runs it, on the jar that {@code package} just built: its own
 * variable {@code PROVWATCH_JAVA_OPTS} reaches the JVM and is not taken for a setting.
 */
class LauncherScriptIT {
  private static final Path ROOT = Path.of(System.getProperty("basedir", "app")).toAbsolutePath().getParent();

  @TempDir Path dir;

  @Test
  void javaOptionsReachTheJvmAndAreNotASetting() throws Exception {
    ScriptRun run = provwatch(Map.of("PROVWATCH_JAVA_OPTS", "-Xmx256m -XshowSettings:vm", "PROVWATCH_DEBUG", "1"), "config");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    // -XshowSettings:vm prints "Max. Heap Size: 256.00M" ("(Estimated)" only when no -Xmx was given)
    assertThat(run.err()).as("the JVM's own report of its settings").containsPattern("Max\\. Heap Size[^:\\n]*: 256\\.00M");
    assertThat(run.out()).contains("bootstrap.servers").doesNotContain("java.opts").doesNotContain("debug");
    assertThat(run.err()).doesNotContain("Unknown configuration key");
  }

  @Test
  void aMisspeltSettingInTheEnvironmentIsStillRefused() throws Exception {
    ScriptRun run = provwatch(Map.of("PROVWATCH_HTTP_PROT", "9000"), "config");

    assertThat(run.exitCode()).as(run.toString()).isNotZero();
    assertThat(run.err()).contains("Unknown configuration key 'http.prot'").contains("did you mean 'http.port'");
  }

  private ScriptRun provwatch(Map<String, String> env, String... args) throws IOException, InterruptedException {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("provwatch").toString());
    builder.command().addAll(List.of(args));
    builder.environment().keySet().removeIf(name -> name.startsWith("PROVWATCH_"));
    builder.environment().putAll(env);
    Process process = builder.directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("./provwatch " + String.join(" ", args) + " did not finish in 5 minutes");
    }
    return new ScriptRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private record ScriptRun(int exitCode, String out, String err) {}
}

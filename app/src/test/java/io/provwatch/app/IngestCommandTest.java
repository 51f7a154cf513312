package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.ingest.formats.PostFormats;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code provwatch ingest <format>} arguments: what is offered, and how bad ones end (no broker is reached). */
class IngestCommandTest {
  @TempDir Path dir;

  @Test
  void everyFormatIsASubcommandAndFileStillNamesCanonical() {
    CommandLine ingest = ProvwatchCommand.newCommandLine().getSubcommands().get("ingest");
    assertThat(ingest.getSubcommands().keySet()).containsAll(PostFormats.NAMES).contains("file");
    assertThat(ingest.getSubcommands().get("file").getCommandName()).isEqualTo("canonical");
    assertThat(CliRun.of("ingest", "--help").out()).contains("bluesky-jetstream").contains("json-feed").contains("csv");
    assertThat(CliRun.of("ingest", "mastodon", "--help").out()).contains("--instance").contains("INPUT");
  }

  @Test
  void anUnknownFormatIsAUsageError() {
    CliRun bad = CliRun.of("ingest", "myspace", "posts.json");
    assertThat(bad.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(bad.err()).contains("myspace");
  }

  @Test
  void aMissingOrBadFormatOptionIsAUsageErrorNamingIt() {
    CliRun noColumns = CliRun.of("ingest", "csv", "posts.csv");
    assertThat(noColumns.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(noColumns.err()).contains("--columns");

    CliRun badColumns = CliRun.of("ingest", "csv", "--columns", "id=tweet_id,colour=c", "posts.csv");
    assertThat(badColumns.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(badColumns.err()).contains("unknown post field 'colour'").doesNotContain("\tat ");

    CliRun badInstance = CliRun.of("ingest", "mastodon", "--instance", "not a host", "timeline.json");
    assertThat(badInstance.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(badInstance.err()).contains("Mastodon instance must be a host name");

    CliRun badLimit = CliRun.of("ingest", "feed", "--max-payload-bytes", "0", "feed.xml");
    assertThat(badLimit.exitCode()).isEqualTo(CommandLine.ExitCode.USAGE);
    assertThat(badLimit.err()).contains("--max-payload-bytes must be positive");
  }

  @Test
  void aMissingFileIsARuntimeErrorOnOneLine() {
    CliRun missing = CliRun.of("ingest", "bluesky-jetstream", dir.resolve("nope.jsonl").toString(), "--data-dir", dir.toString());
    assertThat(missing.exitCode()).isEqualTo(CliErrors.RUNTIME_ERROR);
    assertThat(missing.err()).contains("provwatch: error: no such file: " + dir.resolve("nope.jsonl")).doesNotContain("\tat ");
  }
}

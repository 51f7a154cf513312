package io.provwatch.app;

import io.provwatch.ingest.CanonicalPostParser;
import io.provwatch.ingest.JsonlFileSource;
import io.provwatch.ingest.PostPublisher;
import io.provwatch.platform.config.ProvwatchConfig;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Publishes canonical JSON posts from a file or stdin. */
@Command(name = "ingest", mixinStandardHelpOptions = true, description = "Publish posts to Kafka.",
    subcommands = {IngestCommand.File.class})
final class IngestCommand {

  @Command(name = "file", mixinStandardHelpOptions = true,
      description = {"Publish canonical JSON posts, one per line, from FILE ('-' for stdin).",
          "Invalid lines go to posts.dlq with their line number and reason. Exit code 1 if any post could not be written."})
  static final class File implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE") String file;
    @Option(names = "--max-line-bytes", defaultValue = "1048576", description = "Longest line accepted (default ${DEFAULT-VALUE}).")
    int maxLineBytes;
    @Mixin ConfigOptions options;

    @Override
    public Integer call() throws Exception {
      ProvwatchConfig config = options.load();
      try (PostPublisher publisher = new PostPublisher(config, Clock.systemUTC())) {
        JsonlFileSource source = new JsonlFileSource(new CanonicalPostParser(Clock.systemUTC()), publisher, maxLineBytes,
            System.err, Duration.ofSeconds(5), Clock.systemUTC());
        JsonlFileSource.Summary summary;
        if ("-".equals(file)) {
          summary = source.read(System.in, "stdin");
        } else {
          Path path = Path.of(file);
          try (InputStream in = Files.newInputStream(path)) {
            summary = source.read(in, path.getFileName().toString());
          } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
          }
        }
        return summary.failed() == 0 ? 0 : 1;
      }
    }
  }
}

package io.provwatch.app;

import io.provwatch.ingest.FormatSource;
import io.provwatch.ingest.IngestInput;
import io.provwatch.ingest.PostPublisher;
import io.provwatch.ingest.ProgressLine;
import io.provwatch.ingest.formats.CanonicalFormat;
import io.provwatch.ingest.formats.LanguageDetector;
import io.provwatch.ingest.formats.PostFormat;
import io.provwatch.ingest.formats.PostFormats;
import io.provwatch.ingest.formats.PostNormaliser;
import io.provwatch.platform.config.ProvwatchConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Publishes the posts of one file, stdin or url, in one of the formats of {@link PostFormats}. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Publish posts to Kafka from a file, stdin ('-') or an http(s) url, in the format named by the subcommand.",
        "Posts go to posts; what cannot be read goes to posts.dlq with its source, position and reason; likes, deletions and "
            + "other items that are no posts are counted as skipped.",
        "Exit code 0 when every record was written, 1 when Kafka refused some or the input could not be read, 2 for bad arguments."},
    subcommands = {IngestCommand.Canonical.class, IngestCommand.Mastodon.class, IngestCommand.BlueskyJetstream.class,
        IngestCommand.RedditPushshift.class, IngestCommand.XApiV2.class, IngestCommand.Feed.class, IngestCommand.JsonFeed.class,
        IngestCommand.Csv.class})
final class IngestCommand {

  /** What every format's subcommand shares: the input, its limits, the configuration, and the run itself. */
  abstract static class FormatCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "INPUT", description = "A file, '-' for stdin, or an http(s) url fetched once.")
    String input;

    @Option(names = "--max-payload-bytes", paramLabel = "BYTES",
        description = "Longest line of a line format (default 1 MiB) or largest input of a document format (default 64 MiB); "
            + "a longer one is dead-lettered as TOO_LARGE with its start.")
    Integer maxPayloadBytes;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
        description = "For a url: the connection, the response headers and any silence while the body streams in may each last this long "
            + "(default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--max-download-bytes", paramLabel = "BYTES", defaultValue = "1073741824",
        description = "For a url: the largest body read (default ${DEFAULT-VALUE}).")
    long maxDownloadBytes;

    @Option(names = "--detect-language", negatable = true, defaultValue = "true", fallbackValue = "true",
        description = "Guess the language of posts that declare none, as ingest.language.* say (default on; --no-detect-language "
            + "for faster back-fills).")
    boolean detectLanguage;

    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    /** The format's name in {@link PostFormats}: each subcommand is named after its format ({@code file} is an alias). */
    private String format() {
      return spec.name();
    }

    /** The format's options, e.g. {@code instance} for mastodon. */
    Map<String, String> formatOptions() {
      return Map.of();
    }

    @Override
    public Integer call() throws Exception {
      Clock clock = Clock.systemUTC();
      ProvwatchConfig config = options.load();
      PostFormat format = format(clock, detectLanguage ? LanguageDetector.fromConfig(config) : LanguageDetector.none());
      int limit = maxPayloadBytes != null ? maxPayloadBytes : FormatSource.defaultMaxPayloadBytes(format.framing());
      IngestInput.HttpLimits httpLimits = httpLimits();
      try (IngestInput in = IngestInput.open(input, httpLimits);
          PostPublisher publisher = new PostPublisher(config, clock)) {
        String connector = format.name() + ":" + in.kind().name().toLowerCase(Locale.ROOT);
        ProgressLine progress = ProgressLine.forStderr(spec.commandLine().getErr(), format.name() + " " + in.name(), System.console() != null);
        FormatSource.Summary summary = new FormatSource(format, publisher, connector, limit, progress, clock).read(in.stream(), in.name());
        return summary.failed() == 0 ? 0 : CliErrors.RUNTIME_ERROR;
      }
    }

    /** The format with its options; a bad option is a usage error (exit code 2), found before anything connects. */
    private PostFormat format(Clock clock, LanguageDetector languages) {
      if (maxPayloadBytes != null && maxPayloadBytes <= 0) {
        throw new ParameterException(spec.commandLine(), "--max-payload-bytes must be positive, got " + maxPayloadBytes);
      }
      try {
        return PostFormats.create(format(), formatOptions(), new PostNormaliser(clock, languages));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
    }

    private IngestInput.HttpLimits httpLimits() {
      try {
        return new IngestInput.HttpLimits(Duration.ofSeconds(timeoutSeconds), maxDownloadBytes);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
    }
  }

  @Command(name = CanonicalFormat.NAME, aliases = "file", mixinStandardHelpOptions = true,
      description = "provwatch's canonical JSON (the fields of Post), one post per line; positions are <file>:<line>.")
  static final class Canonical extends FormatCommand {
    /** The option of the former {@code ingest file}, still accepted. */
    @Option(names = "--max-line-bytes", hidden = true, paramLabel = "BYTES")
    void maxLineBytes(int bytes) {
      maxPayloadBytes = bytes;
    }
  }

  @Command(name = "mastodon", mixinStandardHelpOptions = true,
      description = "Mastodon statuses: a REST timeline, status, context, search result or notifications page (JSON), "
          + "or streaming events (server-sent events text or WebSocket JSON). The whole input is one document.")
  static final class Mastodon extends FormatCommand {
    @Option(names = "--instance", required = true, paramLabel = "HOST",
        description = "The server the statuses were read from, e.g. mastodon.social (ids are local to it).")
    String instance;

    @Override
    Map<String, String> formatOptions() {
      return Map.of("instance", instance);
    }
  }

  @Command(name = "bluesky-jetstream", mixinStandardHelpOptions = true,
      description = "Bluesky Jetstream events, one JSON object per line; posts are app.bsky.feed.post commits, the rest is skipped.")
  static final class BlueskyJetstream extends FormatCommand {}

  @Command(name = "reddit-pushshift", mixinStandardHelpOptions = true,
      description = "Reddit submissions and comments in Pushshift NDJSON, one per line.")
  static final class RedditPushshift extends FormatCommand {}

  @Command(name = "x-api-v2", mixinStandardHelpOptions = true,
      description = "X API v2 responses (data with includes), one response per line as twarc and the API's streams write them.")
  static final class XApiV2 extends FormatCommand {}

  @Command(name = "feed", mixinStandardHelpOptions = true,
      description = "An RSS 0.9x/1.0/2.0, Atom or Media RSS feed; the whole input is one document.")
  static final class Feed extends FormatCommand {}

  @Command(name = "json-feed", mixinStandardHelpOptions = true, description = "A JSON Feed 1.0/1.1; the whole input is one document.")
  static final class JsonFeed extends FormatCommand {}

  @Command(name = "csv", mixinStandardHelpOptions = true,
      description = "A CSV file with a header row; --columns says which column holds which post field. The whole input is one document.")
  static final class Csv extends FormatCommand {
    @Option(names = "--columns", required = true, paramLabel = "FIELD=COLUMN,...",
        description = "Post field to CSV column, e.g. platform=x,id=tweet_id,author.id=user,createdAt=time,text=text; "
            + "platform=@col reads the platform from a column; delimiter=; or delimiter=tab sets the separator.")
    String columns;

    @Override
    Map<String, String> formatOptions() {
      return Map.of("columns", columns);
    }
  }
}

package io.provwatch.app;

import io.provwatch.app.reference.CheckThatImporter;
import io.provwatch.app.reference.ClaimReviewImporter;
import io.provwatch.app.reference.DomainCsvImporter;
import io.provwatch.app.reference.LiarTsvImporter;
import io.provwatch.app.reference.ReferenceImport;
import io.provwatch.app.reference.RowImporter;
import io.provwatch.avro.DeadLetter;
import io.provwatch.avro.DomainRating;
import io.provwatch.avro.FactCheck;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.TopicSpec;
import io.provwatch.platform.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code provwatch factchecks import} and {@code provwatch domains import}: reference data into its compacted topic. */
final class ReferenceImportCommands {
  private ReferenceImportCommands() {}

  /** Imports {@code file} with {@code importer}; exit 0 when every row was written (rejected rows are dead-lettered, which counts). */
  static <V> int importFile(RowImporter<V> importer, TopicSpec<String, V> topic, Path file, ConfigOptions options, CommandSpec spec)
      throws IOException {
    ProvwatchConfig config = options.load();
    PrintWriter err = spec.commandLine().getErr();
    Reader in;
    try {
      in = new BufferedReader(Files.newBufferedReader(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new ParameterException(spec.commandLine(), "no such file: " + file);
    }
    try (in;
        KafkaProducer<String, V> records = ReferenceImport.producer(config, topic);
        KafkaProducer<String, DeadLetter> deadLetters = ReferenceImport.producer(config, Topics.IMPORTS_DLQ)) {
      ReferenceImport.Summary summary = new ReferenceImport<>(importer, topic, records, deadLetters, Clock.systemUTC(), err,
          Duration.ofSeconds(System.console() != null ? 1 : 5)).run(in, file.getFileName().toString());
      return summary.failed() == 0 ? 0 : CliErrors.RUNTIME_ERROR;
    }
  }

  /** The demo's illustrative claim bank and domains list (sample/factchecks.json, sample/domains.csv), published once. */
  static void loadSamples(ProvwatchConfig config, PrintWriter err) throws IOException {
    loadResource(config, new ClaimReviewImporter(), Topics.FACTCHECKS, "/sample/factchecks.json", err);
    loadResource(config, new DomainCsvImporter(), Topics.DOMAINS, "/sample/domains.csv", err);
  }

  private static <V> void loadResource(ProvwatchConfig config, RowImporter<V> importer, TopicSpec<String, V> topic, String resource,
      PrintWriter err) throws IOException {
    InputStream in = ReferenceImportCommands.class.getResourceAsStream(resource);
    if (in == null) {
      throw new IllegalStateException("the sample " + resource + " is missing from this build");
    }
    try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      load(config, importer, topic, reader, resource.substring(1), err);
    }
  }

  /** Publishes the rows of {@code in} to {@code topic}, rejected rows to {@code imports.dlq}, and waits for them. */
  static <V> ReferenceImport.Summary load(ProvwatchConfig config, RowImporter<V> importer, TopicSpec<String, V> topic, Reader in, String name,
      PrintWriter err) throws IOException {
    try (KafkaProducer<String, V> records = ReferenceImport.producer(config, topic);
        KafkaProducer<String, DeadLetter> deadLetters = ReferenceImport.producer(config, Topics.IMPORTS_DLQ)) {
      return new ReferenceImport<>(importer, topic, records, deadLetters, Clock.systemUTC(), err, Duration.ofSeconds(5)).run(in, name);
    }
  }

  @Command(name = "factchecks", mixinStandardHelpOptions = true, description = "The claim bank (topic factchecks).",
      subcommands = FactchecksImport.class)
  static final class Factchecks {}

  /** The fact-check file formats. */
  enum FactcheckFormat {
    claimreview, liar, checkthat;

    RowImporter<FactCheck> importer() {
      return switch (this) {
        case claimreview -> new ClaimReviewImporter();
        case liar -> new LiarTsvImporter();
        case checkthat -> new CheckThatImporter();
      };
    }
  }

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Publish fact-checked claims to the compacted topic factchecks, keyed by claim id (re-importing replaces).",
          "claimreview: schema.org ClaimReview JSON (one object, an array, or @graph); liar: LIAR / LIAR-PLUS TSV;",
          "checkthat: the verified claims of a CLEF CheckThat! claim-retrieval set (vclaims.jsonl, one JSON object a line).",
          "Rows that cannot be read are reported with their line and sent to imports.dlq. Exit 0 when every row was written."})
  static final class FactchecksImport implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FORMAT", description = "claimreview, liar or checkthat.")
    FactcheckFormat format;

    @Parameters(index = "1", paramLabel = "FILE", description = "The file to import.")
    Path file;

    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return importFile(format.importer(), Topics.FACTCHECKS, file, options, spec);
    }
  }

  @Command(name = "domains", mixinStandardHelpOptions = true, description = "Domain credibility ratings (topic domains).",
      subcommands = DomainsImport.class)
  static final class Domains {}

  @Command(name = "import", mixinStandardHelpOptions = true,
      description = {"Publish domain ratings to the compacted topic domains, keyed by registrable domain.",
          "CSV with a header row: domain (host or url; reduced to its registrable domain), rating (low, mixed, high, satire),"
              + " source (whose rating), optional note; '#' starts a comment line.",
          "Rows that cannot be read are reported with their line and sent to imports.dlq. Exit 0 when every row was written."})
  static final class DomainsImport implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The CSV file.")
    Path file;

    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      return importFile(new DomainCsvImporter(), Topics.DOMAINS, file, options, spec);
    }
  }
}

package io.provwatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.provwatch.app.alertbudget.AlertBudgetReport;
import io.provwatch.app.alertbudget.CheckThatCases;
import io.provwatch.app.alertbudget.CoordinatedPairCases;
import io.provwatch.app.alertbudget.EvalPost;
import io.provwatch.app.alertbudget.MustAlertCases;
import io.provwatch.app.alertbudget.OrdinaryTraffic;
import io.provwatch.app.claims.ClaimBenchmark;
import io.provwatch.app.claims.ClaimModelTrainer;
import io.provwatch.app.claims.ClaimRetrievalEvaluation;
import io.provwatch.app.claims.NegativePosts;
import io.provwatch.app.language.LanguageEvaluation;
import io.provwatch.avro.Alert;
import io.provwatch.avro.FactCheck;
import io.provwatch.ingest.formats.LanguageDetector;
import io.provwatch.platform.config.ConfigLoader;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.schemas.serde.AvroClassTrust;
import io.provwatch.scoring.claims.ClaimMatchModel;
import io.provwatch.scoring.coordination.GermanElectionsData;
import io.provwatch.sink.AlertPolicy;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code provwatch eval claims}: how well the claim matcher ranks and decides on a claim-retrieval benchmark;
 * {@code provwatch eval alerts}: how many ordinary posts the whole pipeline alerts on, and which cases it must alert on it finds;
 * {@code provwatch eval language}: how often each language detector names the right language of real multilingual text.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Measure a detector, or the whole pipeline's alerts, on labelled data.",
    subcommands = {EvalCommand.Claims.class, EvalCommand.Alerts.class, EvalCommand.Language.class})
final class EvalCommand {
  static final String DEFAULT_DATA = "../shared/data/misinfo";
  static final String DEFAULT_FORMATS = "../shared/data/formats";

  /** The shared real data the evaluations read. */
  static final class RealDataFolders {
    @Option(names = "--formats", paramLabel = "DIR", defaultValue = DEFAULT_FORMATS,
        description = "Real platform payloads, one folder per platform (default ${DEFAULT-VALUE}).")
    Path formats;

    @Option(names = "--ai-text", paramLabel = "DIR", defaultValue = "../shared/data/ai-text",
        description = "The AI-text sets, as 'model eval' reads them, with " + LanguageEvaluation.HOTEL_REVIEWS_PATH
            + " (default ${DEFAULT-VALUE}).")
    Path aiText;
  }

  /** The report as indented JSON in {@code json}, when given. */
  static void writeJson(Path json, Object report) throws java.io.IOException {
    if (json != null) {
      Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    }
  }

  @Command(name = "claims", mixinStandardHelpOptions = true,
      description = {"Claim matching on a claim-retrieval benchmark in the CLEF CheckThat! layout (DIR/vclaims.jsonl,",
          "DIR/queries-NAME.jsonl, DIR/qrels-NAME.tsv): every judged query ranks the whole collection with the scoring",
          "topology's matcher (Lucene BM25 candidates, re-ranked by the claim-match model). Prints one line",
          "'MAP@5 <value> MRR ... P@1 ... R@5 ... R@20 ... µs/query', then BM25 alone beside the re-ranker, and, when the",
          "negative posts are found under --negatives, the decision at the model's threshold."})
  static final class Claims implements Callable<Integer> {
    @Option(names = "--benchmark", paramLabel = "DIR", required = true,
        description = "Benchmark folder, e.g. ../shared/data/misinfo/claim-retrieval/clef2022-task2a.")
    Path benchmark;

    @Option(names = "--split", paramLabel = "NAME", defaultValue = "dev", description = "Split to measure (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--model", paramLabel = "FILE", description = "Claim-match model file (default: the one shipped in provwatch).")
    Path modelFile;

    @Option(names = "--threshold", paramLabel = "P", description = "Decide at this probability instead of the model's threshold.")
    Double threshold;

    @Option(names = "--context", paramLabel = "N", defaultValue = "0",
        description = "Read each debate sentence with the N sentences before it in its transcript (default ${DEFAULT-VALUE}).")
    int context;

    @Option(names = "--negatives", paramLabel = "DIR", defaultValue = "../shared/data",
        description = "Reference data with the negative posts (ai-text/tweepfake_*.csv, misinfo/Constraint_*.csv); the decision"
            + " figures are skipped when absent (default ${DEFAULT-VALUE}).")
    Path negatives;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    Path json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<String> missing = ClaimBenchmark.missing(benchmark, split);
      if (!missing.isEmpty()) {
        throw new ParameterException(spec.commandLine(), benchmark + " lacks " + String.join(", ", missing));
      }
      if (context < 0) {
        throw new ParameterException(spec.commandLine(), "--context must not be negative");
      }
      ClaimMatchModel model = modelFile == null ? ClaimMatchModel.defaultModel() : ClaimMatchModel.load(modelFile);
      if (threshold != null) {
        if (!(threshold > 0 && threshold < 1)) {
          throw new ParameterException(spec.commandLine(), "--threshold must be within (0, 1)");
        }
        model = model.withThreshold(threshold);
      }
      NegativePosts.Sets negativePosts = null;
      if (NegativePosts.missing(negatives).isEmpty()) {
        negativePosts = NegativePosts.read(negatives, ClaimModelTrainer.queryDates(benchmark, split, context));
      } else {
        spec.commandLine().getErr().println("eval claims: no decision figures, " + negatives + " lacks "
            + String.join(", ", NegativePosts.missing(negatives)));
      }
      ClaimRetrievalEvaluation.Report report = ClaimRetrievalEvaluation.run(benchmark, split, model, context, negativePosts);
      ClaimRetrievalEvaluation.describe(report).forEach(out::println);
      out.flush();
      writeJson(json, report);
      return 0;
    }
  }

  @Command(name = "language", mixinStandardHelpOptions = true,
      description = {"Language detection of texts whose language is known: the hotel reviews in --ai-text (ten languages; each text",
          "whole and cut to its first 60 characters) and the posts in --formats whose platform declared their language. Accuracy",
          "(wrong and unanswered count against it) and share answered per language, for Lingua with all 75 languages (ingest's",
          "detector before the trigram engine), each engine over the configured candidates (ingest.language.candidates), and the",
          "trigram engine over all 75; the time per text. A missing data folder skips its part."})
  static final class Language implements Callable<Integer> {
    @Mixin RealDataFolders folders;

    @Option(names = "--per-language", paramLabel = "N", defaultValue = "500",
        description = "Most hotel reviews per language, the first in the file (default ${DEFAULT-VALUE}).")
    int perLanguage;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    Path json;

    @Mixin ConfigOptions options;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (perLanguage < 1) {
        throw new ParameterException(spec.commandLine(), "--per-language must be positive");
      }
      PrintWriter out = spec.commandLine().getOut();
      List<LanguageEvaluation.Sample> samples = new ArrayList<>();
      if (Files.isRegularFile(folders.aiText.resolve(LanguageEvaluation.HOTEL_REVIEWS_PATH))) {
        samples.addAll(LanguageEvaluation.hotelReviews(folders.aiText, perLanguage));
      } else {
        out.println("eval language: skipped the hotel reviews, " + folders.aiText.resolve(LanguageEvaluation.HOTEL_REVIEWS_PATH) + " is absent");
      }
      if (Files.isDirectory(folders.formats)) {
        samples.addAll(LanguageEvaluation.declaredPosts(folders.formats));
      } else {
        out.println("eval language: skipped the declared posts, " + folders.formats + " is absent");
      }
      if (samples.isEmpty()) {
        out.flush();
        return 0;
      }
      List<String> candidates = options.load().getList(ProvwatchConfig.INGEST_LANGUAGE_CANDIDATES);
      Map<String, LanguageDetector> detectors = new LinkedHashMap<>();
      detectors.put("lingua, all 75", LanguageDetector.of(LanguageDetector.Engine.LINGUA, List.of()));
      detectors.put("lingua, candidates", LanguageDetector.of(LanguageDetector.Engine.LINGUA, candidates));
      detectors.put("trigrams, candidates", LanguageDetector.of(LanguageDetector.Engine.TRIGRAMS, candidates));
      detectors.put("trigrams, all 75", LanguageDetector.of(LanguageDetector.Engine.TRIGRAMS, List.of()));
      LanguageEvaluation.Report report = LanguageEvaluation.run(detectors, samples);
      out.println(samples.size() + " texts; candidates: " + (candidates.isEmpty() ? "all 75" : String.join(",", candidates)));
      LanguageEvaluation.describe(report).forEach(out::println);
      out.flush();
      writeJson(json, report);
      return 0;
    }
  }

  @Command(name = "alerts", mixinStandardHelpOptions = true,
      description = {"The alert budget: runs the real pipeline (embedded broker and registry on free ports in a temporary directory,",
          "media, scoring and sink as the demo runs them) over ordinary real traffic (the platform payloads in --formats through",
          "the ingest adapters, and --sample rows of the German elections 2021 stream as posts) and over cases that must alert",
          "(the demo sample's planted cases, the stream's coordinated account pairs per the batch oracle, each found when one campaign",
          "alert lists both accounts, copies of real posts, paraphrased LIAR-PLUS claims rated false, CheckThat! tweets repeating",
          "fact-checked claims, found by a claim-match alert, machine-written texts of the AI-text test split). Prints the share of",
          "ordinary posts alerted, the alerts they open per 10,000 posts by severity, and the recall of each case group. A missing",
          "data folder skips its part.",
          "--set sink.* to see the effect of other alert settings."})
  static final class Alerts implements Callable<Integer> {
    @Mixin RealDataFolders folders;

    @Option(names = "--coordination", paramLabel = "DIR", defaultValue = "../shared/data/coordination",
        description = "Folder with german_elections_2021_multiplatform.csv (default ${DEFAULT-VALUE}).")
    Path coordination;

    @Option(names = "--misinfo", paramLabel = "DIR", defaultValue = DEFAULT_DATA,
        description = "Folder with liarplus_val2.tsv and " + CheckThatCases.FOLDER + " (default ${DEFAULT-VALUE}).")
    Path misinfo;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "2000",
        description = "Rows of the German elections stream (the first by time) to feed (default ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--cases", paramLabel = "N", defaultValue = "100",
        description = "Most copies, claim posts, CheckThat! tweets and machine-written posts each (default ${DEFAULT-VALUE}).")
    int cases;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
        description = "Give up when the pipeline has not caught up after this long (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    Path json;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Properties file of the settings to measure.")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting to measure (repeatable), e.g. sink.alert.open.min.scores=ai-text=0.9.")
    List<String> settings = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      if (sample < 0 || cases < 0 || timeoutSeconds < 1) {
        throw new ParameterException(spec.commandLine(), "--sample and --cases must not be negative, --timeout must be positive");
      }
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      ProvwatchConfig config = TemporaryPlatform.onFreePorts(new ConfigLoader().file(configFile).environment(System.getenv()).flags(settings),
          "eval alerts").load();
      AlertPolicy.fromConfig(config);
      AvroClassTrust.trustProvwatchClasses(); // posts are built here, before any serde is loaded
      // each source is one wave, published once the waves before are through. The German elections slice goes
      // first: the coordination branch compares a share only with shares at most its retention (7 days) behind the
      // newest it has seen, so the slice whose coordination is measured must not follow newer posts. The other
      // sources follow by their earliest post; the real payloads span 2005-2026, so some of their shares come too
      // late to be compared (the count is printed): ordinary posts whose coordination goes unchecked
      List<EvalPost> germanElections = new ArrayList<>();
      List<List<EvalPost>> parts = new ArrayList<>();
      // published last: a copy arrives after its original (in a live stream minutes later, long after the
      // original was scored; a backlog of both at once may score the copy first, a known limit of the copy check)
      List<EvalPost> copies = new ArrayList<>();
      List<CoordinatedPairCases> pairCases = new ArrayList<>();
      List<FactCheck> claims = new ArrayList<>();
      if (Files.isDirectory(folders.formats)) {
        List<EvalPost> real = OrdinaryTraffic.formats(folders.formats);
        parts.add(real);
        copies.addAll(MustAlertCases.copies(real, cases));
      } else {
        err.println("eval alerts: skipped the real payloads and their copies, " + folders.formats + " is absent");
      }
      Path csv = coordination.resolve(GermanElectionsData.FILE);
      if (Files.isRegularFile(csv)) {
        OrdinaryTraffic.GermanElectionsSlice slice = OrdinaryTraffic.germanElections(csv, sample,
            config.getLong(ProvwatchConfig.COORDINATION_TIME_WINDOW_MS), config.getInt(ProvwatchConfig.COORDINATION_MIN_REPETITION),
            config.getInt(ProvwatchConfig.COORDINATION_MIN_HASHTAGS) <= 1, config.getInt(ProvwatchConfig.COORDINATION_CAMPAIGN_MIN_ACCOUNTS));
        germanElections.addAll(slice.posts());
        pairCases.addAll(slice.pairCases());
      } else {
        err.println("eval alerts: skipped the German elections stream and its coordinated pairs, " + csv + " is absent");
      }
      List<EvalPost> sampleOriginals = new ArrayList<>();
      for (EvalPost p : MustAlertCases.sample()) {
        (p.group().equals(MustAlertCases.SAMPLE_COPIES) ? copies : sampleOriginals).add(p);
      }
      parts.add(sampleOriginals);
      Path liarPlus = misinfo.resolve(MustAlertCases.LIAR_PLUS);
      if (Files.isRegularFile(liarPlus)) {
        parts.add(MustAlertCases.falseClaims(MustAlertCases.liarPlusClaims(misinfo), cases));
      } else {
        err.println("eval alerts: skipped the false claims, " + liarPlus + " is absent");
        liarPlus = null;
      }
      if (Files.isDirectory(misinfo.resolve(CheckThatCases.FOLDER))) {
        CheckThatCases.Cases checkThat = CheckThatCases.read(misinfo, cases);
        parts.add(checkThat.posts());
        claims.addAll(checkThat.claims());
      } else {
        err.println("eval alerts: skipped the CheckThat! tweets, " + misinfo.resolve(CheckThatCases.FOLDER) + " is absent");
      }
      if (Files.isDirectory(folders.aiText)) {
        parts.add(MustAlertCases.machineWritten(folders.aiText, cases, new PrintStream(System.err, true, StandardCharsets.UTF_8)));
      } else {
        err.println("eval alerts: skipped the machine-written texts, " + folders.aiText + " is absent");
      }
      List<List<EvalPost>> waves = new ArrayList<>();
      waves.add(germanElections);
      parts.stream().filter(part -> !part.isEmpty())
          .sorted(Comparator.comparing((List<EvalPost> part) -> part.stream().map(p -> p.post().getCreatedAt()).min(Comparator.naturalOrder())
              .orElseThrow()))
          .forEach(waves::add);
      waves.add(copies);
      List<EvalPost> posts = waves.stream().flatMap(List::stream).toList();
      err.flush();
      long started = System.nanoTime();
      AlertBudgetPipeline.Run run = AlertBudgetPipeline.run(config, waves, liarPlus, claims, Duration.ofSeconds(timeoutSeconds), err);
      List<Alert> changes = run.changes();
      AlertBudgetReport report = AlertBudgetReport.of(posts, pairCases, changes, sinkSettings(config)).withTooLateShares(run.tooLateShares());
      report.describe().forEach(out::println);
      out.printf(Locale.ROOT, "%,d alert changes; pipeline run %.0f s%n", changes.size(), (System.nanoTime() - started) / 1e9);
      out.flush();
      writeJson(json, report);
      return 0;
    }

    /** The alert settings measured, as they were in effect. */
    private static Map<String, String> sinkSettings(ProvwatchConfig config) {
      Map<String, String> sink = new TreeMap<>();
      for (String key : List.of(ProvwatchConfig.SINK_MIN_RISK, ProvwatchConfig.SINK_SEVERITY_THRESHOLDS, ProvwatchConfig.SINK_ALERT_OPEN_MIN_SCORES)) {
        Object value = config.values().get(key);
        sink.put(key, value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value));
      }
      return sink;
    }
  }
}

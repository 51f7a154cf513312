package io.provwatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.provwatch.app.aitext.AiTextCorpus;
import io.provwatch.app.aitext.StackedEnsemble;
import io.provwatch.app.aitext.Evaluation;
import io.provwatch.app.aitext.LabelledText;
import io.provwatch.app.aitext.LogisticTrainer;
import io.provwatch.app.aitext.LogisticTrainer.Encoded;
import io.provwatch.app.aitext.RocPlot;
import io.provwatch.app.aitext.Split;
import io.provwatch.app.claims.ClaimBenchmark;
import io.provwatch.app.claims.ClaimModelTrainer;
import io.provwatch.app.claims.NegativePosts;
import io.provwatch.scoring.aitext.AiTextModel;
import io.provwatch.scoring.claims.ClaimMatchModel;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code provwatch model train|eval}: the AI-text detector's model, from the labelled data to the figures. */
@Command(name = "model", mixinStandardHelpOptions = true,
    description = {"Train and evaluate the AI-generated text detector (the ai-text scorer's model);",
        "train the claim matcher's re-ranker (train-claims; `provwatch eval claims` measures it)."},
    subcommands = {ModelCommand.Train.class, ModelCommand.Eval.class, ModelCommand.TrainClaims.class, CommandLine.HelpCommand.class})
final class ModelCommand {
  static final String DEFAULT_DATA = "../shared/data/ai-text";

  /** Training settings, shared by train and by eval's leave-one-generator-out runs. */
  static final class TrainingOptions {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = DEFAULT_DATA,
        description = "Folder with tweepfake_*.csv, hc3/*.jsonl, grid_reddit.csv, fast_detect_gpt/ and the JSONL sets detectrl/,"
            + " outfox/, mixset/, authormimic_tweets/, hotel_reviews_gpt4/ (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--hash-bits", defaultValue = "18", description = "Size of the hashed n-gram space, 2^bits (default ${DEFAULT-VALUE}).")
    int hashBits;

    @Option(names = "--epochs", defaultValue = "6", description = "Passes over the training texts (default ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--learning-rate", defaultValue = "0.2", description = "AdaGrad step size (default ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--l2", defaultValue = "1e-6", description = "L2 regularisation (default ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the shuffling (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--min-chars", defaultValue = "200", description = "Shortest text the model judges, in characters (default ${DEFAULT-VALUE}).")
    int minChars;

    @Option(names = "--features", defaultValue = "all",
        description = "Which features the model learns: all (n-grams, stylometry, character language models), no_lm, ngrams,"
            + " stylometry, lm or stylometry_lm, for --family joint (default ${DEFAULT-VALUE}); the others are for comparison.")
    LogisticTrainer.FeatureSet features;

    @Option(names = "--target-fpr", defaultValue = "0.05",
        description = "Share of human calibration texts allowed above the threshold (default ${DEFAULT-VALUE}).")
    double targetFpr;

    @Option(names = "--family", defaultValue = "stacked",
        description = "Model family: stacked (an n-gram model and a stylometry + language-model model trained apart, stacked on the"
            + " calibration split) or joint (one logistic regression over all features) (default ${DEFAULT-VALUE}).")
    Family family;

    /** How the features are turned into one model; both ship as an {@link AiTextModel}. */
    enum Family {
      STACKED, JOINT
    }

    AiTextModel train(LogisticTrainer.Options options, List<Encoded> train, List<Encoded> calibration, String label, PrintStream progress) {
      return family == Family.STACKED ? StackedEnsemble.train(options, train, calibration, label, progress)
          : new LogisticTrainer(options, progress).train(train, calibration, label);
    }

    LogisticTrainer.Options options(CommandSpec spec) {
      if (hashBits < 10 || hashBits > 24) {
        throw new ParameterException(spec.commandLine(), "--hash-bits must be between 10 and 24, got " + hashBits);
      }
      if (epochs < 1 || !(learningRate > 0) || !(l2 >= 0) || minChars < 0 || !(targetFpr > 0 && targetFpr < 1)) {
        throw new ParameterException(spec.commandLine(), "--epochs must be >= 1, --learning-rate > 0, --l2 >= 0, --min-chars >= 0"
            + " and --target-fpr within (0, 1)");
      }
      return new LogisticTrainer.Options(hashBits, epochs, learningRate, l2, seed, minChars, targetFpr, features);
    }
  }

  /**
   * The corpus split by group, and the training and calibration texts encoded once. Training and
   * calibration keep English texts that are wholly human or wholly machine ({@link Evaluation#trainable}).
   */
  record Prepared(List<LabelledText> all, List<LabelledText> test, List<Encoded> train, List<Encoded> calibration) {
    static Prepared of(Path data, int hashBits, PrintStream progress) {
      List<LabelledText> all = AiTextCorpus.read(data, progress);
      List<LabelledText> train = all.stream().filter(t -> Split.of(t) == Split.TRAIN && Evaluation.trainable(t)).toList();
      List<LabelledText> calibration = all.stream().filter(t -> Split.of(t) == Split.CALIBRATION && Evaluation.trainable(t)).toList();
      List<LabelledText> test = all.stream().filter(t -> Split.of(t) == Split.TEST).toList();
      progress.printf(Locale.ROOT, "data: split by group: %,d train, %,d calibration, %,d test%n", train.size(), calibration.size(), test.size());
      long started = System.nanoTime();
      List<Encoded> trainEncoded = LogisticTrainer.encode(train, hashBits);
      List<Encoded> calibrationEncoded = LogisticTrainer.encode(calibration, hashBits);
      progress.printf(Locale.ROOT, "data: features of %,d texts in %.1f s%n", train.size() + calibration.size(), (System.nanoTime() - started) / 1e9);
      return new Prepared(all, test, trainEncoded, calibrationEncoded);
    }
  }

  @Command(name = "train", mixinStandardHelpOptions = true,
      description = {"Train the AI-text model on the labelled sets in --data (70 % of groups train, 10 % calibrate,",
          "20 % are held out for `model eval`) and write it to --out."})
  static final class Train implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrainingOptions training;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "aitext-model.bin.gz",
        description = "Where to write the model (default ${DEFAULT-VALUE}); the shipped one is "
            + "scoring/src/main/resources/models/aitext-default.bin.gz.")
    Path out;

    @Override
    public Integer call() throws Exception {
      LogisticTrainer.Options options = training.options(spec);
      PrintStream progress = System.err;
      Prepared prepared = Prepared.of(training.data, options.hashBits(), progress);
      AiTextModel model = training.train(options, prepared.train(), prepared.calibration(), "", progress);
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      model.save(out);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.printf(Locale.ROOT, "model %s written to %s (%,d bytes): threshold %.4f, minimum %d characters%n", model.version(),
          out.toAbsolutePath().normalize(), Files.size(out), model.threshold(), model.minChars());
      stdout.flush();
      return 0;
    }
  }

  @Command(name = "eval", mixinStandardHelpOptions = true,
      description = {"Evaluate a model on the held-out test split of --data: per dataset, per generator and per text",
          "length AUROC, TPR at 1 % and 5 % FPR, F1 at the model's threshold and calibration error; and a",
          "leave-one-generator-out table (a model trained with the training options below, without generator G,",
          "tested on G). Writes the figures as JSON and the ROC curves as PNG."})
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin TrainingOptions training;

    @Option(names = "--model", paramLabel = "FILE", description = "Model file to evaluate (default: the model shipped in provwatch).")
    Path modelFile;

    @Option(names = "--json", paramLabel = "FILE", defaultValue = "aitext-eval.json", description = "Figures as JSON (default ${DEFAULT-VALUE}).")
    Path json;

    @Option(names = "--roc-png", paramLabel = "FILE", defaultValue = "aitext-roc.png", description = "ROC curves (default ${DEFAULT-VALUE}).")
    Path rocPng;

    @Option(names = "--leave-out", defaultValue = "both", paramLabel = "TABLES",
        description = "Leave-one-out tables to make, each row a training without that part of the data: both,"
            + " generators, datasets or none (default ${DEFAULT-VALUE}).")
    Evaluation.LeaveOut leaveOut;

    @Option(names = "--no-leave-one-out", description = "Same as --leave-out none.")
    boolean noLeaveOneOut;


    @Override
    public Integer call() throws Exception {
      System.setProperty("java.awt.headless", "true");
      LogisticTrainer.Options options = training.options(spec);
      PrintStream progress = System.err;
      Evaluation.Report report;
      boolean leaveOneOut = !noLeaveOneOut && leaveOut != Evaluation.LeaveOut.NONE;
      AiTextModel model = modelFile == null ? AiTextModel.defaultModel() : AiTextModel.load(modelFile);
      if (!leaveOneOut) {
        List<LabelledText> all = AiTextCorpus.read(training.data, progress);
        report = Evaluation.run(model, all.stream().filter(t -> Split.of(t) == Split.TEST).toList(), all, null,
            Evaluation.LeaveOut.NONE, progress);
      } else {
        Prepared prepared = Prepared.of(training.data, options.hashBits(), progress);
        report = Evaluation.run(model, prepared.test(), prepared.all(), (leftOut, name) -> training.train(options,
            prepared.train().stream().filter(e -> !leftOut.test(e.text())).toList(),
            prepared.calibration().stream().filter(e -> !leftOut.test(e.text())).toList(), " (without " + name + ")", progress),
            leaveOut, progress);
      }
      PrintWriter stdout = spec.commandLine().getOut();
      Evaluation.print(report, stdout);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
      RocPlot.write(report, rocPng);
      stdout.printf("figures written to %s, ROC curves to %s%n", json.toAbsolutePath().normalize(), rocPng.toAbsolutePath().normalize());
      stdout.flush();
      return 0;
    }
  }

  @Command(name = "train-claims", mixinStandardHelpOptions = true,
      description = {"Train the claim matcher's re-ranker and decision threshold (the claim-match model) on claim-retrieval",
          "benchmarks in the CLEF CheckThat! layout: logistic regression over the BM25 candidates of each --benchmark's train",
          "split, Platt scaling on their dev splits, and the threshold at which at most --target-false-match-rate of the",
          "negative posts (under --negatives) get a match against the first --benchmark's collection. Deterministic: the",
          "same data and options write the same file."})
  static final class TrainClaims implements Callable<Integer> {
    static final String DEFAULT_SETS = "../shared/data/misinfo/claim-retrieval/";

    @Spec CommandSpec spec;

    @Option(names = "--benchmark", paramLabel = "DIR", split = ",",
        defaultValue = DEFAULT_SETS + "clef2022-task2a," + DEFAULT_SETS + "clef2020-task2," + DEFAULT_SETS + "clef2021-task2b",
        description = "Benchmark folders with train and dev splits; the first also calibrates the threshold (default ${DEFAULT-VALUE}).")
    List<Path> benchmarks;

    @Option(names = "--negatives", paramLabel = "DIR", defaultValue = "../shared/data",
        description = "Reference data with the negative posts (ai-text/tweepfake_*.csv, misinfo/Constraint_*.csv) (default ${DEFAULT-VALUE}).")
    Path negatives;

    @Option(names = "--candidates", defaultValue = "50", description = "BM25 candidates re-ranked per post (default ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--l2", defaultValue = "1.0", description = "L2 penalty of the logistic regression (default ${DEFAULT-VALUE}).")
    double l2;

    @Option(names = "--target-false-match-rate", defaultValue = "0.02",
        description = "Share of negative posts allowed a match at the threshold (default ${DEFAULT-VALUE}).")
    double targetFalseMatchRate;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "claims-model.txt",
        description = "Where to write the model (default ${DEFAULT-VALUE}); the shipped one is "
            + "scoring/src/main/resources/models/claims-default.txt.")
    Path out;

    @Override
    public Integer call() throws Exception {
      if (candidates < 1 || !(l2 >= 0) || !(targetFalseMatchRate > 0 && targetFalseMatchRate < 1)) {
        throw new ParameterException(spec.commandLine(), "--candidates must be >= 1, --l2 >= 0, --target-false-match-rate within (0, 1)");
      }
      for (Path dir : benchmarks) {
        List<String> missing = new java.util.ArrayList<>(ClaimBenchmark.missing(dir, "train"));
        missing.addAll(ClaimBenchmark.missing(dir, "dev"));
        if (!missing.isEmpty()) {
          throw new ParameterException(spec.commandLine(), dir + " lacks " + String.join(", ", new java.util.TreeSet<>(missing)));
        }
      }
      NegativePosts.Sets negativePosts = null;
      if (NegativePosts.missing(negatives).isEmpty()) {
        negativePosts = NegativePosts.read(negatives, ClaimModelTrainer.queryDates(benchmarks.get(0), "dev", 0));
      } else {
        throw new ParameterException(spec.commandLine(), negatives + " lacks " + String.join(", ", NegativePosts.missing(negatives)));
      }
      ClaimModelTrainer.Options options = new ClaimModelTrainer.Options(candidates, l2, targetFalseMatchRate, 0);
      ClaimMatchModel model = new ClaimModelTrainer(options, System.err).train(benchmarks, negativePosts);
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      model.save(out);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.printf(Locale.ROOT, "model %s written to %s: %d candidates, threshold %.4f%n", model.version(),
          out.toAbsolutePath().normalize(), model.candidates(), model.threshold());
      stdout.flush();
      return 0;
    }
  }
}

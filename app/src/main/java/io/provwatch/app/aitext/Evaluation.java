package io.provwatch.app.aitext;

import io.provwatch.scoring.aitext.AiTextModel;
import io.provwatch.scoring.aitext.LanguageCheck;
import io.provwatch.scoring.aitext.TextFeatures;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The figures of {@code provwatch model eval}: a model on the test split, per dataset, per generator,
 * per text length and per language, machine-edited (mixed) texts on their own, and two tables of
 * models trained without a part of the data: leave-one-generator-out (trained and calibrated without
 * any text of generator G, tested on G) and leave-one-dataset-out (without any text of source S,
 * tested on every text of S: the honest figure for text from a new domain).
 */
public final class Evaluation {
  /** A generator with fewer judged test texts gets no leave-one-out row: its figures would be noise. */
  static final int MIN_LEAVE_OUT_TEXTS = 20;
  /** Length bands in characters of text ({@link TextFeatures#textChars()}): tweets and short posts, medium, long. */
  static final int[] LENGTH_BOUNDS = {0, 100, 200, 500, 1000, Integer.MAX_VALUE};

  /**
   * Figures on one slice of the test split. TPR at 1 %/5 % FPR uses the slice's own thresholds (the
   * best possible for it); F1, TPR and FPR at the threshold use the model's fixed threshold, as the
   * scorer does.
   */
  public record Row(String name, int humans, int machines, double auroc, double tprAt1Fpr, double tprAt5Fpr, double f1,
      double ece, double tprAtThreshold, double fprAtThreshold) {}

  /** A curve of the ROC plot. */
  public record Curve(String name, List<double[]> points) {}

  public record Report(String model, double threshold, int minChars, int testTexts, int judged, int tooShort, int unsupported,
      Row all, List<Row> datasets, List<Row> generators, List<Row> lengths, List<Row> languages, List<Row> mixed,
      List<Row> leaveOneGeneratorOut, List<Row> leaveOneDatasetOut, List<Curve> datasetCurves, List<Curve> leaveOneOutCurves) {}

  /** A test text with its model probability, and whether the scorer would judge it at all. */
  record Scored(LabelledText text, double probability, int textChars, boolean judged, boolean unsupported) {}

  private Evaluation() {}

  /** Scores texts as the scorer does, with each text's language as if the platform had declared it. */
  static List<Scored> score(AiTextModel model, List<LabelledText> test) {
    ThreadLocal<TextFeatures> features = ThreadLocal.withInitial(() -> new TextFeatures(model.hashBits()));
    return test.parallelStream().map(t -> {
      TextFeatures f = features.get().extract(t.text());
      boolean unsupported = LanguageCheck.unsupported(t.language(), f).isPresent();
      boolean judged = f.textChars() >= model.minChars() && !unsupported;
      return new Scored(t, model.probability(f), f.textChars(), judged, unsupported);
    }).toList();
  }

  /**
   * @param test the test split (every text, also mixed and non-English ones: they get rows of their own)
   * @param all every text of the corpus: a dataset left out is tested on all its texts, not only its test split
   * @param leaveOneOut trains a model without some texts; null skips the leave-one-out tables
   * @param leaveOut which leave-one-out tables to make
   */
  public static Report run(AiTextModel model, List<LabelledText> test, List<LabelledText> all, LeaveOneOut leaveOneOut,
      LeaveOut leaveOut, PrintStream progress) {
    progress.printf(java.util.Locale.ROOT, "eval: scoring %,d test texts with %s%n", test.size(), model.version());
    List<Scored> everything = score(model, test);
    List<Scored> scored = everything.stream().filter(s -> trainable(s.text())).toList();
    List<Scored> judged = scored.stream().filter(Scored::judged).toList();
    int tooShort = (int) scored.stream().filter(s -> s.textChars() < model.minChars()).count();
    int unsupported = (int) scored.stream().filter(s -> s.textChars() >= model.minChars() && s.unsupported()).count();
    double t = model.threshold();

    Row overall = row("all", judged, s -> true, t);
    List<Row> datasets = new ArrayList<>();
    List<Curve> datasetCurves = new ArrayList<>();
    for (String dataset : new TreeSet<>(judged.stream().map(s -> s.text().dataset()).toList())) {
      datasets.add(row(dataset, judged, s -> s.text().dataset().equals(dataset), t));
      datasetCurves.add(curve(dataset, judged, s -> s.text().dataset().equals(dataset)));
    }
    datasetCurves.add(curve("all", judged, s -> true));
    Map<String, TreeSet<String>> generatorDatasets = generatorDatasets(judged);
    List<Row> generators = new ArrayList<>();
    generatorDatasets.forEach((generator, sets) -> generators.add(row(generator, judged, versus(generator, sets), t)));

    List<Row> lengths = new ArrayList<>();
    for (int b = 0; b + 1 < LENGTH_BOUNDS.length; b++) {
      int lo = LENGTH_BOUNDS[b];
      int hi = LENGTH_BOUNDS[b + 1];
      String name = hi == Integer.MAX_VALUE ? lo + "+ chars" : lo + "-" + (hi - 1) + " chars";
      lengths.add(row(name, scored, s -> s.textChars() >= lo && s.textChars() < hi && !s.unsupported(), t));
    }

    // Languages: long enough texts of every language, scored as if the model accepted them (the
    // figures that decide whether it should)
    List<Row> languages = new ArrayList<>();
    List<Scored> longEnough = everything.stream().filter(s -> !s.text().mixed() && s.textChars() >= model.minChars()).toList();
    for (String language : new TreeSet<>(longEnough.stream().map(s -> s.text().language()).toList())) {
      for (String dataset : new TreeSet<>(longEnough.stream().filter(s -> s.text().language().equals(language))
          .map(s -> s.text().source()).toList())) {
        languages.add(row(language + " (" + dataset + ")", longEnough,
            s -> s.text().language().equals(language) && s.text().source().equals(dataset), t));
      }
    }

    // Mixed human and machine writing: what the model calls machine-written, per source, label and op
    List<Row> mixed = new ArrayList<>();
    List<Scored> mixedJudged = everything.stream().filter(s -> s.text().mixed() && s.judged()).toList();
    Map<String, Predicate<Scored>> mixedSlices = new TreeMap<>();
    for (Scored s : mixedJudged) {
      LabelledText x = s.text();
      String name = x.source() + " " + (x.machine() ? "machine" : "human") + " " + x.op();
      mixedSlices.putIfAbsent(name, y -> y.text().source().equals(x.source()) && y.text().machine() == x.machine()
          && y.text().op().equals(x.op()));
    }
    mixedSlices.forEach((name, filter) -> mixed.add(row(name, mixedJudged, filter, t)));

    List<Row> logo = new ArrayList<>();
    List<Row> lodo = new ArrayList<>();
    List<Curve> logoCurves = new ArrayList<>();
    if (leaveOneOut != null && leaveOut.generators()) {
      for (Map.Entry<String, TreeSet<String>> group : leaveOutGroups(judged, generatorDatasets).entrySet()) {
        Set<String> left = Set.of(group.getKey().split("\\+"));
        AiTextModel without = leaveOneOut.trainWithout(x -> left.contains(x.generator()), group.getKey());
        List<Scored> rescored = score(without, judged.stream().map(Scored::text).filter(
            x -> x.machine() ? left.contains(x.generator()) : group.getValue().contains(x.dataset())).toList());
        Row row = row(group.getKey(), rescored, s -> true, without.threshold());
        progress.printf(java.util.Locale.ROOT, "eval: without %s: AUROC %.3f, TPR %.1f %% at 5 %% FPR%n", group.getKey(), row.auroc(), 100 * row.tprAt5Fpr());
        logo.add(row);
        logoCurves.add(curve(group.getKey(), rescored, s -> true));
      }
    }
    TreeSet<String> sources = new TreeSet<>(all.stream().map(LabelledText::source).toList());
    if (leaveOneOut != null && leaveOut.datasets() && sources.size() > 1) {
      for (String source : sources) {
        AiTextModel without = leaveOneOut.trainWithout(x -> x.source().equals(source), "dataset " + source);
        List<Scored> rescored = score(without, all.stream().filter(x -> x.source().equals(source) && trainable(x)).toList())
            .stream().filter(Scored::judged).toList();
        Row row = row(source, rescored, s -> true, without.threshold());
        progress.printf(java.util.Locale.ROOT, "eval: without dataset %s: AUROC %.3f, TPR %.1f %% at 5 %% FPR, %.1f %% of its human texts"
            + " flagged%n", source, row.auroc(), 100 * row.tprAt5Fpr(), 100 * row.fprAtThreshold());
        lodo.add(row);
        TreeSet<String> parts = new TreeSet<>(rescored.stream().map(s -> s.text().dataset()).toList());
        for (String dataset : parts.size() > 1 ? parts : Set.<String>of()) {
          lodo.add(row("  " + dataset, rescored, s -> s.text().dataset().equals(dataset), without.threshold()));
        }
      }
    }
    return new Report(model.version(), t, model.minChars(), scored.size(), judged.size(), tooShort, unsupported, overall, datasets,
        generators, lengths, languages, mixed, logo, lodo, datasetCurves, logoCurves);
  }

  /** What a model is trained, calibrated and mainly measured on: English texts that are wholly human or wholly machine. */
  public static boolean trainable(LabelledText text) {
    return !text.mixed() && text.english();
  }

  /** The leave-one-out tables to make (each row trains a model). */
  public enum LeaveOut {
    BOTH, GENERATORS, DATASETS, NONE;

    boolean generators() {
      return this == BOTH || this == GENERATORS;
    }

    boolean datasets() {
      return this == BOTH || this == DATASETS;
    }
  }

  /** Trains a model on everything but some texts. */
  public interface LeaveOneOut {
    AiTextModel trainWithout(Predicate<LabelledText> leftOut, String name);
  }

  /**
   * What to leave out, by name ("a+b" leaves out both), with the datasets of their human comparison
   * texts: each generator with enough judged test texts to measure, and all the ChatGPT / GPT-3.5 names
   * together, since they are one model family (HC3's and DetectRL's ChatGPT are GPT-3.5 based): leaving
   * out one while the others train would flatter the figure for an unseen generator.
   */
  private static Map<String, TreeSet<String>> leaveOutGroups(List<Scored> judged, Map<String, TreeSet<String>> generatorDatasets) {
    Map<String, TreeSet<String>> groups = new TreeMap<>();
    generatorDatasets.forEach((generator, datasets) -> {
      long texts = judged.stream().filter(s -> s.text().machine() && s.text().generator().equals(generator)).count();
      if (texts >= MIN_LEAVE_OUT_TEXTS) {
        groups.put(generator, datasets);
      }
    });
    List<String> family = groups.keySet().stream().filter(g -> g.contains("chatgpt") || g.contains("gpt-3.5")).toList();
    if (family.size() > 1) {
      TreeSet<String> datasets = new TreeSet<>();
      family.forEach(g -> datasets.addAll(groups.get(g)));
      groups.put(String.join("+", family), datasets);
    }
    return groups;
  }

  /** For each generator, the datasets it wrote texts in (its human comparison texts come from those). */
  private static Map<String, TreeSet<String>> generatorDatasets(List<Scored> judged) {
    Map<String, TreeSet<String>> map = new TreeMap<>();
    for (Scored s : judged) {
      if (s.text().machine()) {
        map.computeIfAbsent(s.text().generator(), k -> new TreeSet<>()).add(s.text().dataset());
      }
    }
    return map;
  }

  private static Predicate<Scored> versus(String generator, TreeSet<String> datasets) {
    return s -> s.text().machine() ? s.text().generator().equals(generator) : datasets.contains(s.text().dataset());
  }

  private static Row row(String name, List<Scored> scored, Predicate<Scored> filter, double threshold) {
    List<Scored> slice = scored.stream().filter(filter).toList();
    double[] p = new double[slice.size()];
    boolean[] y = new boolean[slice.size()];
    int machines = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = slice.get(i).probability();
      y[i] = slice.get(i).text().machine();
      machines += y[i] ? 1 : 0;
    }
    return new Row(name, p.length - machines, machines, Metrics.auroc(p, y), Metrics.tprAtFpr(p, y, 0.01),
        Metrics.tprAtFpr(p, y, 0.05), Metrics.f1(p, y, threshold), Metrics.ece(p, y),
        Metrics.rateAtThreshold(p, y, true, threshold), Metrics.rateAtThreshold(p, y, false, threshold));
  }

  private static Curve curve(String name, List<Scored> scored, Predicate<Scored> filter) {
    List<Scored> slice = scored.stream().filter(filter).toList();
    double[] p = new double[slice.size()];
    boolean[] y = new boolean[slice.size()];
    for (int i = 0; i < p.length; i++) {
      p[i] = slice.get(i).probability();
      y[i] = slice.get(i).text().machine();
    }
    return new Curve(name, thin(Metrics.roc(p, y)));
  }

  /** At most ~400 points per curve: enough to draw, small enough for the JSON. */
  private static List<double[]> thin(List<double[]> points) {
    if (points.size() <= 400) {
      return points;
    }
    List<double[]> out = new ArrayList<>();
    int step = (int) Math.ceil(points.size() / 400.0);
    for (int i = 0; i < points.size(); i += step) {
      out.add(points.get(i));
    }
    out.add(points.get(points.size() - 1));
    return out;
  }

  /** The report as printed tables. */
  public static void print(Report report, java.io.PrintWriter out) {
    out.printf(java.util.Locale.ROOT, "model %s, threshold %.4f, minimum %d characters of text%n", report.model(), report.threshold(), report.minChars());
    out.printf(java.util.Locale.ROOT, "test split: %,d texts, %,d judged, %,d too short, %,d unsupported language%n%n", report.testTexts(), report.judged(),
        report.tooShort(), report.unsupported());
    table(out, "overall (judged test texts)", List.of(report.all()));
    table(out, "per dataset", report.datasets());
    table(out, "per generator (its texts vs the human texts of its datasets)", report.generators());
    table(out, "per text length (all test texts, also those too short to be judged)", report.lengths());
    table(out, "per language (texts long enough to judge, scored as if the language were accepted)", report.languages());
    table(out, "mixed human and machine writing (source, label, how it was made)", report.mixed());
    if (!report.leaveOneGeneratorOut().isEmpty()) {
      table(out, "leave one generator out (trained and calibrated without it, tested on it)", report.leaveOneGeneratorOut());
    }
    if (!report.leaveOneDatasetOut().isEmpty()) {
      table(out, "leave one dataset out (trained and calibrated without any text of it, tested on all of it)",
          report.leaveOneDatasetOut());
    }
  }

  private static void table(java.io.PrintWriter out, String title, List<Row> rows) {
    out.println(title);
    out.printf(java.util.Locale.ROOT, "  %-40s %7s %7s %7s %8s %8s %6s %6s %8s %8s%n", "", "human", "machine", "AUROC", "TPR@1%", "TPR@5%", "F1", "ECE",
        "TPR@thr", "FPR@thr");
    for (Row r : rows) {
      out.printf(java.util.Locale.ROOT, "  %-40s %7d %7d %7s %8s %8s %6s %6s %8s %8s%n", r.name(), r.humans(), r.machines(), fixed(r.auroc()),
          percent(r.tprAt1Fpr()), percent(r.tprAt5Fpr()), fixed(r.f1()), fixed(r.ece()), percent(r.tprAtThreshold()),
          percent(r.fprAtThreshold()));
    }
    out.println();
  }

  private static String fixed(double v) {
    return Double.isNaN(v) ? "-" : String.format(java.util.Locale.ROOT, "%.3f", v);
  }

  private static String percent(double v) {
    return Double.isNaN(v) ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", 100 * v);
  }
}

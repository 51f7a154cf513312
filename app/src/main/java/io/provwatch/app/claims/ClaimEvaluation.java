package io.provwatch.app.claims;

import io.provwatch.app.reference.ImportedRow;
import io.provwatch.app.reference.LiarTsvImporter;
import io.provwatch.avro.ClaimBankEntry;
import io.provwatch.avro.ClaimMatch;
import io.provwatch.avro.FactCheck;
import io.provwatch.scoring.claims.ClaimIndex;
import io.provwatch.scoring.claims.ClaimLookup;
import io.provwatch.scoring.claims.ClaimMatchScorer;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Precision and recall of "the post matches a claim rated false" on LIAR / LIAR-PLUS: the bank is the
 * LIAR training statements plus half of the LIAR-PLUS validation statements (chosen by id hash); the
 * other half is held out. Each validation claim then stands in for posts that repeat it, in two
 * variants: a light rewrite of its statement ({@link Paraphrase}) and the fact-checker's justification
 * text (LIAR-PLUS). A post is positive when its claim is in the bank and rated false or mostly false;
 * it is flagged when the claim index and {@link ClaimMatchScorer} give it a score above 0. Held-out
 * claims are negatives: flagging them means matching some other claim. The same {@link ClaimIndex}
 * code as the scoring topology runs, over a map instead of a state store.
 */
public final class ClaimEvaluation {
  static final String TRAIN = "liar_train_original.tsv";
  static final String VALIDATION = "liarplus_val2.tsv";

  /** Figures for one query variant at one minimum similarity. */
  public record Figures(String variant, double minSimilarity, int posts, int positives, int truePositives, int falsePositives,
      int rightClaim, double precision, double recall, double microsPerPost) {}

  /** Everything one run measured. */
  public record Report(int bankClaims, int heldOut, int inBank, double bankBuildSeconds, double claimsPerSecond, int buckets,
      int largestBucket, List<Figures> figures) {}

  /** One stand-in post: its text, the claim it repeats, whether that claim is in the bank. */
  record Query(String text, FactCheck source, boolean inBank) {}

  private ClaimEvaluation() {}

  /** The files the evaluation needs in {@code dir}; empty when all are there. */
  public static List<String> missing(Path dir) {
    List<String> missing = new ArrayList<>();
    for (String file : List.of(TRAIN, VALIDATION)) {
      if (!Files.isRegularFile(dir.resolve(file))) {
        missing.add(file);
      }
    }
    return missing;
  }

  public static Report run(Path dir, List<Double> minSimilarities) throws IOException {
    List<FactCheck> train = read(dir.resolve(TRAIN));
    Map<String, String> justifications = new HashMap<>();
    List<FactCheck> validation = readWithJustification(dir.resolve(VALIDATION), justifications);

    Map<String, ClaimBankEntry> storage = new HashMap<>();
    ClaimIndex index = ClaimIndex.inMemory(storage);
    long started = System.nanoTime();
    int bank = 0;
    List<Query> rewrites = new ArrayList<>();
    List<Query> justified = new ArrayList<>();
    for (FactCheck claim : train) {
      index.put(claim.getId(), claim);
      bank++;
    }
    int inBank = 0;
    for (FactCheck claim : validation) {
      boolean known = Math.floorMod(claim.getId().hashCode(), 2) == 0;
      if (known) {
        index.put(claim.getId(), claim);
        bank++;
        inBank++;
      }
      rewrites.add(new Query(Paraphrase.of(claim.getClaim(), claim.getId()), claim, known));
      String justification = justifications.get(claim.getId());
      if (justification != null) {
        justified.add(new Query(justification, claim, known));
      }
    }
    double buildSeconds = (System.nanoTime() - started) / 1e9;

    List<Figures> figures = new ArrayList<>();
    for (double min : minSimilarities) {
      figures.add(measure("rewritten statement", rewrites, index, min));
      figures.add(measure("LIAR-PLUS justification", justified, index, min));
    }
    int buckets = (int) storage.values().stream().filter(e -> e.getClaim() == null).count();
    int largest = storage.values().stream().mapToInt(e -> e.getClaimIds().size()).max().orElse(0);
    return new Report(bank, validation.size() - inBank, inBank, buildSeconds, bank / buildSeconds, buckets, largest, figures);
  }

  static Figures measure(String variant, List<Query> queries, ClaimIndex index, double minSimilarity) {
    ClaimMatchScorer scorer = new ClaimMatchScorer();
    int positives = 0;
    int tp = 0;
    int fp = 0;
    int right = 0;
    long started = System.nanoTime();
    for (Query query : queries) {
      List<ClaimMatch> matches = index.match(query.text(), minSimilarity, ClaimLookup.MAX_MATCHES);
      ClaimMatch flaggedBy = matches.stream().filter(m -> ClaimMatchScorer.falseness(m.getClaim().getVerdict()) > 0).findFirst().orElse(null);
      boolean positive = query.inBank() && ClaimMatchScorer.falseness(query.source().getVerdict()) > 0;
      if (positive) {
        positives++;
      }
      if (flaggedBy != null) {
        if (positive) {
          tp++;
          if (flaggedBy.getClaim().getId().equals(query.source().getId())) {
            right++;
          }
        } else {
          fp++;
        }
      }
    }
    double micros = (System.nanoTime() - started) / 1e3 / Math.max(1, queries.size());
    return new Figures(variant, minSimilarity, queries.size(), positives, tp, fp, right,
        tp + fp == 0 ? 0.0 : (double) tp / (tp + fp), positives == 0 ? 0.0 : (double) tp / positives, micros);
  }

  private static List<FactCheck> read(Path file) throws IOException {
    return readWithJustification(file, null);
  }

  /** The accepted rows of a LIAR file; with {@code justifications}, also the LIAR-PLUS justification (last column) by claim id. */
  private static List<FactCheck> readWithJustification(Path file, Map<String, String> justifications) throws IOException {
    List<FactCheck> claims = new ArrayList<>();
    List<String> lines = justifications == null ? List.of() : Files.readAllLines(file, StandardCharsets.UTF_8);
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      new LiarTsvImporter().read(in, file.getFileName().toString(), row -> {
        if (row instanceof ImportedRow.Accepted<FactCheck> accepted) {
          claims.add(accepted.value());
          if (justifications != null) {
            String[] columns = lines.get((int) row.line() - 1).split("\t", -1);
            if (columns.length == 16 && !columns[15].isBlank()) {
              justifications.put(accepted.value().getId(), columns[15].strip());
            }
          }
        }
      });
    }
    return claims;
  }

  /** The report as text lines for people. */
  public static List<String> describe(Report report) {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "bank: %,d claims indexed in %.2f s (%,.0f claims/s), %,d LSH buckets, largest %,d claims;"
            + " validation claims: %,d in the bank, %,d held out", report.bankClaims(), report.bankBuildSeconds(), report.claimsPerSecond(),
        report.buckets(), report.largestBucket(), report.inBank(), report.heldOut()));
    lines.add(String.format(Locale.ROOT, "%-24s %6s %6s %6s %5s %5s %6s %9s %7s %9s", "posts", "min", "n", "pos", "TP", "FP", "right",
        "precision", "recall", "µs/post"));
    Function<Figures, String> row = f -> String.format(Locale.ROOT, "%-24s %6.2f %6d %6d %5d %5d %6d %9.3f %7.3f %9.1f",
        f.variant(), f.minSimilarity(), f.posts(), f.positives(), f.truePositives(), f.falsePositives(), f.rightClaim(),
        f.precision(), f.recall(), f.microsPerPost());
    report.figures().forEach(f -> lines.add(row.apply(f)));
    return lines;
  }
}

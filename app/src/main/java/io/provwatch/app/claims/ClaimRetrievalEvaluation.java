package io.provwatch.app.claims;

import io.provwatch.app.claims.ClaimBenchmark.Query;
import io.provwatch.avro.FactCheck;
import io.provwatch.scoring.claims.ClaimMatchModel;
import io.provwatch.scoring.claims.ClaimMatcher;
import io.provwatch.scoring.claims.ClaimMatcher.Candidate;
import io.provwatch.scoring.claims.ClaimMatcher.Scored;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code provwatch eval claims}: the claim matcher of the scoring topology ({@link ClaimMatcher}, the
 * same class, over the same in-memory Lucene index) on one split of a claim-retrieval benchmark:
 * every judged query ranks the whole collection; the re-ranked order and the BM25 order alone are
 * measured side by side, with the time per query. With negative posts, also the decision at the
 * model's threshold: how many judged queries get a match (and the right one), how many negatives do.
 */
public final class ClaimRetrievalEvaluation {
  /** How many ranked claims the measures look at (recall@20). */
  static final int DEPTH = 20;
  /** Time per query is CPU time of this thread: it does not count what other processes on the machine took. */
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  /** The decision at the threshold. */
  public record Decision(double threshold, int positives, int fired, int firedRight, int negatives, int falseMatches,
      int heldOutNegatives, int heldOutFalseMatches, double recall, double rightRecall, double falseMatchRate,
      double heldOutFalseMatchRate, String negativesFrom) {}

  /** What one run measured. */
  public record Report(String benchmark, String split, String model, int candidates, int claims, int queries, int judged,
      double indexSeconds, long indexBytes, RetrievalMetrics.Figures reranked, RetrievalMetrics.Figures bm25,
      double candidateRecall, double microsPerQuery, Decision decision) {}

  private ClaimRetrievalEvaluation() {}

  /** The matcher over the benchmark's collection. */
  static ClaimMatcher index(List<FactCheck> claims, ClaimMatchModel model) {
    ClaimMatcher matcher = new ClaimMatcher(model);
    for (FactCheck claim : claims) {
      matcher.put(claim.getId(), claim);
    }
    return matcher;
  }

  public static Report run(Path dir, String split, ClaimMatchModel model, int context, NegativePosts.Sets negatives) throws IOException {
    List<FactCheck> claims = ClaimBenchmark.claims(dir);
    List<Query> queries = ClaimBenchmark.queries(dir, split, context);
    Map<String, Set<String>> qrels = ClaimBenchmark.qrels(dir, split);
    long started = System.nanoTime();
    try (ClaimMatcher matcher = index(claims, model)) {
      double indexSeconds = (System.nanoTime() - started) / 1e9;
      matcher.candidates("warm up the searcher", null);
      RetrievalMetrics reranked = new RetrievalMetrics();
      RetrievalMetrics bm25 = new RetrievalMetrics();
      int judged = 0;
      int inCandidates = 0;
      int relevantTotal = 0;
      int fired = 0;
      int firedRight = 0;
      long nanos = 0;
      for (Query query : queries) {
        Set<String> relevant = qrels.get(query.id());
        if (relevant == null) {
          continue; // a query without judgements is not scored
        }
        judged++;
        long t0 = CPU.getCurrentThreadCpuTime();
        List<Scored> ranked = matcher.rank(query.text(), query.author(), Integer.MAX_VALUE);
        nanos += CPU.getCurrentThreadCpuTime() - t0;
        reranked.add(ranked.stream().map(Scored::key).toList(), relevant);
        List<Scored> byBm25 = new ArrayList<>(ranked);
        byBm25.sort(Comparator.comparingDouble((Scored s) -> -s.candidate().bm25()).thenComparing(Scored::key));
        bm25.add(byBm25.stream().map(Scored::key).toList(), relevant);
        for (String id : relevant) {
          relevantTotal++;
          inCandidates += ranked.stream().anyMatch(s -> s.key().equals(id)) ? 1 : 0;
        }
        if (!ranked.isEmpty() && model.decides(ranked.get(0).probability(), ranked.get(0).candidate().features())) {
          fired++;
          firedRight += relevant.contains(ranked.get(0).key()) ? 1 : 0;
        }
      }
      Decision decision = null;
      if (negatives != null) {
        int falseMatches = firing(matcher, negatives.calibration());
        int heldOutFalse = firing(matcher, negatives.heldOut());
        int n = negatives.calibration().size();
        int h = negatives.heldOut().size();
        decision = new Decision(model.threshold(), judged, fired, firedRight, n, falseMatches, h, heldOutFalse,
            ratio(fired, judged), ratio(firedRight, judged), ratio(falseMatches, n), ratio(heldOutFalse, h), negatives.description());
      }
      return new Report(dir.getFileName().toString(), split, model.version(), model.candidates(), claims.size(), queries.size(), judged,
          indexSeconds, matcher.indexBytes(), reranked.figures(), bm25.figures(), ratio(inCandidates, relevantTotal),
          nanos / 1e3 / Math.max(1, judged), decision);
    }
  }

  /** How many of {@code posts} get a match by the model's decision. */
  static int firing(ClaimMatcher matcher, List<Query> posts) {
    int fired = 0;
    for (Query post : posts) {
      fired += matcher.match(post.text(), post.author(), 1).isEmpty() ? 0 : 1;
    }
    return fired;
  }

  /**
   * The top re-ranker probability of each post, 0 when it has no candidate or the decision refuses the top one whatever
   * the threshold (the post refutes it): a post is matched at threshold t exactly when its score is at least t.
   */
  static double[] decisionScores(ClaimMatcher matcher, List<Query> posts) {
    double[] p = new double[posts.size()];
    for (int i = 0; i < p.length; i++) {
      List<Scored> top = matcher.rank(posts.get(i).text(), posts.get(i).author(), 1);
      boolean possible = !top.isEmpty() && matcher.model().decides(1.0, top.get(0).candidate().features());
      p[i] = possible ? top.get(0).probability() : 0;
    }
    return p;
  }

  static double ratio(int a, int b) {
    return b == 0 ? 0 : (double) a / b;
  }

  /** The report as text: first line {@code MAP@5 <value> ...}, then a table. */
  public static List<String> describe(Report r) {
    List<String> lines = new ArrayList<>();
    RetrievalMetrics.Figures f = r.reranked();
    lines.add(String.format(Locale.ROOT, "MAP@5 %.4f  MRR %.4f  P@1 %.4f  R@5 %.4f  R@20 %.4f  %.0f µs CPU/query  (%s %s, %d judged queries, model %s)",
        f.map5(), f.mrr(), f.precisionAt1(), f.recallAt5(), f.recallAt20(), r.microsPerQuery(), r.benchmark(), r.split(), r.judged(), r.model()));
    lines.add(String.format(Locale.ROOT, "collection: %,d claims indexed in %.2f s, Lucene index %,.1f MB; %d of %d queries judged;"
            + " %.1f %% of the relevant claims among the %d BM25 candidates", r.claims(), r.indexSeconds(), r.indexBytes() / 1e6,
        r.judged(), r.queries(), 100 * r.candidateRecall(), r.candidates()));
    lines.add(String.format(Locale.ROOT, "%-22s %7s %7s %7s %7s %7s", "ranking", "MAP@5", "MRR", "P@1", "R@5", "R@20"));
    for (Map.Entry<String, RetrievalMetrics.Figures> row : List.of(Map.entry("BM25 alone", r.bm25()), Map.entry("BM25 + re-ranker", f))) {
      RetrievalMetrics.Figures x = row.getValue();
      lines.add(String.format(Locale.ROOT, "%-22s %7.4f %7.4f %7.4f %7.4f %7.4f", row.getKey(), x.map5(), x.mrr(), x.precisionAt1(),
          x.recallAt5(), x.recallAt20()));
    }
    Decision d = r.decision();
    if (d != null) {
      lines.add(String.format(Locale.ROOT, "decision at threshold %.4f: claim-match fires on %.1f %% of the judged queries (%d/%d),"
              + " with the right claim on %.1f %% (%d); false matches on %.1f %% of the calibration negatives (%d/%d) and %.1f %% of"
              + " the held-out negatives (%d/%d)", d.threshold(), 100 * d.recall(), d.fired(), d.positives(), 100 * d.rightRecall(),
          d.firedRight(), 100 * d.falseMatchRate(), d.falseMatches(), d.negatives(), 100 * d.heldOutFalseMatchRate(),
          d.heldOutFalseMatches(), d.heldOutNegatives()));
      lines.add("negatives: " + d.negativesFrom());
    }
    return lines;
  }
}

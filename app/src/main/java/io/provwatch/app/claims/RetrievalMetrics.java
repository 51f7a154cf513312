package io.provwatch.app.claims;

import java.util.List;
import java.util.Set;

/**
 * The CheckThat! ranking measures over judged queries: MAP@5 as the official scorer computes it
 * (AP@5 = 1/R · Σ over relevant claims at rank r ≤ 5 of (relevant found so far / r), R the query's
 * relevant claims), MRR (over the ranked candidates; 0 when no relevant claim is among them),
 * P@1, and recall at 5 and 20 (share of the query's relevant claims in its top 5 / 20), each
 * averaged over the queries.
 */
public final class RetrievalMetrics {
  /** The averages over {@code queries} judged queries. */
  public record Figures(int queries, double map5, double mrr, double precisionAt1, double recallAt5, double recallAt20) {}

  private int queries;
  private double ap5;
  private double rr;
  private double p1;
  private double r5;
  private double r20;

  /** Adds one query's ranking (claim ids, best first) with its relevant claim ids. */
  public void add(List<String> ranking, Set<String> relevant) {
    queries++;
    if (relevant.isEmpty()) {
      return;
    }
    int found = 0;
    double precisionSum = 0;
    int in5 = 0;
    int in20 = 0;
    boolean first = true;
    for (int i = 0; i < ranking.size(); i++) {
      if (!relevant.contains(ranking.get(i))) {
        continue;
      }
      int rank = i + 1;
      found++;
      if (first) {
        rr += 1.0 / rank;
        p1 += rank == 1 ? 1 : 0;
        first = false;
      }
      if (rank <= 5) {
        precisionSum += (double) found / rank;
        in5++;
      }
      if (rank <= 20) {
        in20++;
      }
    }
    ap5 += precisionSum / relevant.size();
    r5 += (double) in5 / relevant.size();
    r20 += (double) in20 / relevant.size();
  }

  public Figures figures() {
    double n = Math.max(1, queries);
    return new Figures(queries, ap5 / n, rr / n, p1 / n, r5 / n, r20 / n);
  }
}

package io.provwatch.scoring.claims;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The re-ranker's features of one (post, candidate claim) pair, in the fixed order of {@link #NAMES}.
 * Every one is computed from the two texts, the collection's document frequencies and the first-stage
 * retrieval, so they mean the same in a collection of three claims and of twenty thousand (shares and
 * ratios rather than raw counts where that matters). Changing a feature or its order changes
 * {@link #VERSION}, and a model trained on another version is refused.
 */
public final class MatchFeatures {
  /** Version of the feature set; a model records the one it was trained on. */
  public static final int VERSION = 1;
  public static final List<String> NAMES = List.of(
      "bm25", "bm25.relative", "rank.inverse", "bm25.claim", "bm25.title",
      "cover.claim", "cover.title", "cover.post", "cover.claim.plain", "shingles",
      "numbers.shared", "numbers.missing", "names.shared", "names.missing",
      "date.known", "date.near", "date.far", "date.check.after", "length.ratio", "post.length", "claimant.author");
  public static final int COUNT = NAMES.size();
  static final double K1 = 1.2;
  static final double B = 0.75;
  private static final double DAY_SECONDS = 86_400.0;

  private MatchFeatures() {}

  /** What the first stage says of a candidate: its BM25 score, the best score of the query, its rank (1-based). */
  public record Retrieval(double score, double topScore, int rank) {}

  /** Collection statistics: idf of a stem (over claim and title), average claim and title lengths. */
  public record Statistics(ToDoubleFunction<String> idf, double averageClaimLength, double averageTitleLength) {}

  /**
   * @param post the post's text with its author's name
   * @param author the author's name (display name and handle), empty when unknown
   * @param claimant who made the claim, empty when unknown
   * @param postTime when the post was published, or null
   * @param claimTime when the claim was checked (or stated), or null
   */
  public static double[] of(Analysed post, Analysed author, Instant postTime, Analysed claim, Analysed title, Analysed claimant,
      Instant claimTime, Retrieval retrieval, Statistics stats) {
    double[] f = new double[COUNT];
    double top = Math.max(retrieval.topScore(), 1e-9);
    f[0] = Math.log1p(Math.max(0, retrieval.score()));
    f[1] = retrieval.score() / top;
    f[2] = 1.0 / retrieval.rank();
    f[3] = Math.log1p(bm25(post, claim, stats.averageClaimLength(), stats));
    f[4] = Math.log1p(bm25(post, title, stats.averageTitleLength(), stats));
    f[5] = cover(claim, post, stats, true);
    f[6] = title.terms().length == 0 ? f[5] : cover(title, post, stats, true);
    f[7] = coverEither(post, claim, title, stats);
    f[8] = cover(claim, post, stats, false);
    f[9] = Shingles.containment(claim.shingles(), post.shingles());
    Set<String> claimNumbers = claim.numbers();
    if (!claimNumbers.isEmpty()) {
      int shared = 0;
      for (String n : claimNumbers) {
        shared += post.numbers().contains(n) ? 1 : 0;
      }
      f[10] = (double) shared / claimNumbers.size();
      f[11] = shared == 0 ? 1 : 0;
    }
    int names = 0;
    int found = 0;
    for (Set<String> set : List.of(claim.names(), title.names())) {
      for (String name : set) {
        names++;
        found += post.indexOf(name) >= 0 ? 1 : 0;
      }
    }
    if (names > 0) {
      f[12] = (double) found / names;
      f[13] = found == 0 ? 1 : 0;
    }
    if (postTime != null && claimTime != null) {
      double days = (claimTime.getEpochSecond() - postTime.getEpochSecond()) / DAY_SECONDS;
      f[14] = 1;
      f[15] = Math.exp(-Math.abs(days) / 30.0);
      f[16] = Math.log1p(Math.abs(days)) / Math.log(3650);
      f[17] = days >= -1 ? 1 : 0;
    }
    f[18] = Math.log((1.0 + post.length()) / (1.0 + claim.length()));
    f[19] = Math.log1p(post.length());
    if (claimant.terms().length > 0 && author.terms().length > 0) {
      int shared = 0;
      for (String term : claimant.terms()) {
        shared += author.indexOf(term) >= 0 ? 1 : 0;
      }
      f[20] = (double) shared / claimant.terms().length;
    }
    return f;
  }

  /** Okapi BM25 of the post's stems (as the query) against one field of the claim. */
  static double bm25(Analysed query, Analysed field, double averageLength, ToDoubleFunction<String> idf) {
    if (field.length() == 0) {
      return 0;
    }
    double norm = K1 * (1 - B + B * field.length() / Math.max(1e-9, averageLength));
    double score = 0;
    String[] terms = query.terms();
    for (int i = 0; i < terms.length; i++) {
      int at = field.indexOf(terms[i]);
      if (at >= 0) {
        double tf = field.counts()[at];
        score += query.counts()[i] * idf.applyAsDouble(terms[i]) * tf * (K1 + 1) / (tf + norm);
      }
    }
    return score;
  }

  private static double bm25(Analysed query, Analysed field, double averageLength, Statistics stats) {
    return bm25(query, field, averageLength, stats.idf());
  }

  /** The share of {@code of}'s stems that {@code in} has, each weighted by its idf (or each 1). */
  private static double cover(Analysed of, Analysed in, Statistics stats, boolean weighted) {
    double total = 0;
    double shared = 0;
    for (String term : of.terms()) {
      double w = weighted ? stats.idf().applyAsDouble(term) : 1;
      total += w;
      if (in.indexOf(term) >= 0) {
        shared += w;
      }
    }
    return total == 0 ? 0 : shared / total;
  }

  /** The idf-weighted share of the post's stems found in the claim or its title. */
  private static double coverEither(Analysed post, Analysed claim, Analysed title, Statistics stats) {
    double total = 0;
    double shared = 0;
    for (String term : post.terms()) {
      double w = stats.idf().applyAsDouble(term);
      total += w;
      if (claim.indexOf(term) >= 0 || title.indexOf(term) >= 0) {
        shared += w;
      }
    }
    return total == 0 ? 0 : shared / total;
  }
}

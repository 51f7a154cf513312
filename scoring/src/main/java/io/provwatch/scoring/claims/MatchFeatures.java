package io.provwatch.scoring.claims;

import io.provwatch.scoring.similarity.WordShingles;
import java.util.List;
import java.util.Set;

/**
 * The re-ranker's features of one (post, candidate claim) pair, in the fixed order of {@link #NAMES}.
 * Every one is computed from the two texts and the model's {@link ReferenceStatistics}, never from the
 * claim bank held or from the other candidates: a pair gets the same features, so the same
 * probability, in a bank of three claims about one town and in a collection of twenty thousand. (Version 1
 * had the first stage's rank and relative score and the post-to-check date distance; in a small topical bank
 * every top candidate is rank 1, scores its own best and was checked the same week, so ordinary posts about
 * the same topics looked like repetitions.) Changing a feature or its order changes {@link #VERSION}, and a
 * model trained on another version is refused.
 */
public final class MatchFeatures {
  /** Version of the feature set; a model records the one it was trained on. */
  public static final int VERSION = 2;
  public static final List<String> NAMES = List.of(
      "bm25.claim", "bm25.title", "bm25.claim.self", "cover.claim", "cover.title", "cover.post", "cover.claim.plain", "shingles",
      "numbers.shared", "numbers.missing", "names.shared", "names.missing", "length.ratio", "post.length", "claimant.author",
      "post.refutes");
  public static final int COUNT = NAMES.size();
  /** Index of {@code post.refutes}, which the decision reads beside the probability ({@link ClaimMatchModel#decides}). */
  public static final int POST_REFUTES = NAMES.indexOf("post.refutes");
  static final double K1 = 1.2;
  static final double B = 0.75;

  private MatchFeatures() {}

  /**
   * @param post the post's text with its author's name
   * @param postRefutations the refutation words of the post's text ({@link Analysed#refutations})
   * @param author the author's name (display name and handle), empty when unknown
   * @param claimRefutations the refutation words of the claim's text
   * @param claimant who made the claim, empty when unknown
   */
  public static double[] of(Analysed post, Set<String> postRefutations, Analysed author, Analysed claim, Set<String> claimRefutations,
      Analysed title, Analysed claimant, ReferenceStatistics stats) {
    double[] f = new double[COUNT];
    double claimScore = bm25(post, claim, stats.averageClaimLength(), stats);
    f[0] = Math.log1p(claimScore);
    f[1] = Math.log1p(bm25(post, title, stats.averageTitleLength(), stats));
    double self = bm25(claim, claim, stats.averageClaimLength(), stats);
    f[2] = self > 0 ? Math.min(1.5, claimScore / self) : 0; // the share of the claim's own score the post reaches
    f[3] = cover(claim, post, stats, true);
    f[4] = title.terms().length == 0 ? f[3] : cover(title, post, stats, true);
    f[5] = coverEither(post, claim, title, stats);
    f[6] = cover(claim, post, stats, false);
    f[7] = WordShingles.containment(claim.shingles(), post.shingles());
    Set<String> claimNumbers = claim.numbers();
    if (!claimNumbers.isEmpty()) {
      int shared = 0;
      for (String n : claimNumbers) {
        shared += post.numbers().contains(n) ? 1 : 0;
      }
      f[8] = (double) shared / claimNumbers.size();
      f[9] = shared == 0 ? 1 : 0;
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
      f[10] = (double) found / names;
      f[11] = found == 0 ? 1 : 0;
    }
    f[12] = Math.log((1.0 + post.length()) / (1.0 + claim.length()));
    f[13] = Math.log1p(post.length());
    if (claimant.terms().length > 0 && author.terms().length > 0) {
      int shared = 0;
      for (String term : claimant.terms()) {
        shared += author.indexOf(term) >= 0 ? 1 : 0;
      }
      f[14] = (double) shared / claimant.terms().length;
    }
    for (String word : postRefutations) {
      if (!claimRefutations.contains(word)) {
        f[15] = 1; // the post says no, not, false, claims... where the claim does not: it may report or refute the claim
        break;
      }
    }
    return f;
  }

  /** Okapi BM25 of the post's stems (as the query) against one field of the claim. */
  static double bm25(Analysed query, Analysed field, double averageLength, ReferenceStatistics stats) {
    if (field.length() == 0) {
      return 0;
    }
    double norm = K1 * (1 - B + B * field.length() / Math.max(1e-9, averageLength));
    double score = 0;
    String[] terms = query.terms();
    double[] idfs = query.idfs(stats);
    for (int i = 0; i < terms.length; i++) {
      int at = field.indexOf(terms[i]);
      if (at >= 0) {
        double tf = field.counts()[at];
        score += query.counts()[i] * idfs[i] * tf * (K1 + 1) / (tf + norm);
      }
    }
    return score;
  }

  /** The share of {@code of}'s stems that {@code in} has, each weighted by its idf (or each 1). */
  private static double cover(Analysed of, Analysed in, ReferenceStatistics stats, boolean weighted) {
    double total = 0;
    double shared = 0;
    String[] terms = of.terms();
    double[] idfs = weighted ? of.idfs(stats) : null;
    for (int i = 0; i < terms.length; i++) {
      double w = weighted ? idfs[i] : 1;
      total += w;
      if (in.indexOf(terms[i]) >= 0) {
        shared += w;
      }
    }
    return total == 0 ? 0 : shared / total;
  }

  /** The idf-weighted share of the post's stems found in the claim or its title. */
  private static double coverEither(Analysed post, Analysed claim, Analysed title, ReferenceStatistics stats) {
    double total = 0;
    double shared = 0;
    String[] terms = post.terms();
    double[] idfs = post.idfs(stats);
    for (int i = 0; i < terms.length; i++) {
      String term = terms[i];
      double w = idfs[i];
      total += w;
      if (claim.indexOf(term) >= 0 || title.indexOf(term) >= 0) {
        shared += w;
      }
    }
    return total == 0 ? 0 : shared / total;
  }
}

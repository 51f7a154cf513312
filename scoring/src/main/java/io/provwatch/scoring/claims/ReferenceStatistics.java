package io.provwatch.scoring.claims;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The collection statistics the re-ranker's features are computed with: document frequencies of
 * stems and average claim and title lengths of a fixed reference collection (the fact-check
 * collections the model was trained on), not of the claim bank a deployment holds. A bank of five
 * claims about one town would make every word of those claims rare and every word of the town common;
 * with fixed statistics a (post, claim) pair gets the same features, so the same probability, in a bank
 * of five claims and in one of twenty thousand. Stems seen once or never in the reference count as seen
 * once (rare). Immutable.
 */
public final class ReferenceStatistics {
  /** Stems seen in fewer reference documents are not stored: they read as seen once. */
  public static final int MIN_STORED_FREQUENCY = 2;

  private final int documents;
  private final double averageClaimLength;
  private final double averageTitleLength;
  private final Map<String, Integer> documentFrequency;

  public ReferenceStatistics(int documents, double averageClaimLength, double averageTitleLength, Map<String, Integer> documentFrequency) {
    if (documents < 1 || !(averageClaimLength > 0) || !(averageTitleLength > 0)) {
      throw new IllegalArgumentException("reference statistics need at least one document and positive average lengths");
    }
    this.documents = documents;
    this.averageClaimLength = averageClaimLength;
    this.averageTitleLength = averageTitleLength;
    TreeMap<String, Integer> kept = new TreeMap<>();
    documentFrequency.forEach((stem, df) -> {
      if (df >= MIN_STORED_FREQUENCY) {
        kept.put(stem, df);
      }
    });
    this.documentFrequency = Collections.unmodifiableMap(kept);
  }

  /** Counts the stems of claims and titles (one document each claim, its title with it). */
  public static final class Builder {
    private final Map<String, Integer> df = new TreeMap<>();
    private int documents;
    private long claimLengths;
    private long titleLengths;

    public Builder add(Analysed claim, Analysed title) {
      Set<String> stems = new HashSet<>(List.of(claim.terms()));
      stems.addAll(List.of(title.terms()));
      stems.forEach(s -> df.merge(s, 1, Integer::sum));
      documents++;
      claimLengths += claim.length();
      titleLengths += title.length();
      return this;
    }

    public ReferenceStatistics build() {
      int n = Math.max(1, documents);
      return new ReferenceStatistics(n, Math.max(1e-9, (double) claimLengths / n), Math.max(1e-9, (double) titleLengths / n), df);
    }
  }

  /** BM25's idf of a stem in the reference collection. */
  public double idf(String stem) {
    int df = documentFrequency.getOrDefault(stem, 1);
    return Math.log(1 + (documents - df + 0.5) / (df + 0.5));
  }

  public int documents() {
    return documents;
  }

  public double averageClaimLength() {
    return averageClaimLength;
  }

  public double averageTitleLength() {
    return averageTitleLength;
  }

  /** The stored document frequencies (at least {@link #MIN_STORED_FREQUENCY}), by stem. */
  public Map<String, Integer> documentFrequencies() {
    return documentFrequency;
  }
}

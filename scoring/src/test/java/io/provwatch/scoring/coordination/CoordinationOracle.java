package io.provwatch.scoring.coordination;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The batch reference method (CooRTweet's detect_groups + min_repetition), written plainly for
 * comparison: for each object, every pair of shares by two different accounts at most time_window
 * apart links the two accounts on that object; an account pair is coordinated when the distinct
 * objects linking it number at least min_repetition.
 */
final class CoordinationOracle {
  private CoordinationOracle() {}

  /** Pair key ({@link PairCounter#pairKey}) -> the distinct objects the pair co-shared within the window. */
  static Map<String, Set<String>> coShares(List<Share> shares, long timeWindowMs) {
    Map<String, List<Share>> byObject = new HashMap<>();
    for (Share s : shares) {
      byObject.computeIfAbsent(s.objectKey(), k -> new ArrayList<>()).add(s);
    }
    Map<String, Set<String>> pairs = new HashMap<>();
    for (Map.Entry<String, List<Share>> object : byObject.entrySet()) {
      List<Share> sorted = new ArrayList<>(object.getValue());
      sorted.sort(Comparator.comparingLong(Share::createdAtMs));
      for (int i = 0; i < sorted.size(); i++) {
        for (int j = i + 1; j < sorted.size() && sorted.get(j).createdAtMs() - sorted.get(i).createdAtMs() <= timeWindowMs; j++) {
          if (!sorted.get(i).account().equals(sorted.get(j).account())) {
            pairs.computeIfAbsent(PairCounter.pairKey(sorted.get(i).account(), sorted.get(j).account()), k -> new HashSet<>())
                .add(object.getKey());
          }
        }
      }
    }
    return pairs;
  }

  /** The coordinated account pairs, sorted. */
  static TreeSet<String> coordinatedPairs(List<Share> shares, long timeWindowMs, int minRepetition) {
    TreeSet<String> coordinated = new TreeSet<>();
    coShares(shares, timeWindowMs).forEach((pair, objects) -> {
      if (objects.size() >= minRepetition) {
        coordinated.add(pair);
      }
    });
    return coordinated;
  }
}

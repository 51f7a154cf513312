package io.provwatch.scoring.coordination;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * The batch reference method (CooRTweet's detect_groups + min_repetition), written plainly for
 * comparison: for each object, every pair of shares by two different accounts at most time_window
 * apart links the two accounts on that object; an account pair is coordinated when the distinct
 * objects linking it number at least min_repetition. The tests hold the streaming detector to it, and
 * {@code provwatch eval alerts} takes its coordinated shares as cases that must alert.
 */
public final class CoordinationOracle {
  private CoordinationOracle() {}

  /** Pair key ({@link PairCounter#pairKey}) -> the distinct objects the pair co-shared within the window. */
  public static Map<String, Set<String>> coShares(List<Share> shares, long timeWindowMs) {
    Map<String, Set<String>> pairs = new HashMap<>();
    forEachCoShare(shares, timeWindowMs, (earlier, later) ->
        pairs.computeIfAbsent(PairCounter.pairKey(earlier.account(), later.account()), k -> new HashSet<>()).add(earlier.objectKey()));
    return pairs;
  }

  /** The coordinated account pairs, sorted. */
  public static TreeSet<String> coordinatedPairs(List<Share> shares, long timeWindowMs, int minRepetition) {
    TreeSet<String> coordinated = new TreeSet<>();
    coShares(shares, timeWindowMs).forEach((pair, objects) -> {
      if (objects.size() >= minRepetition) {
        coordinated.add(pair);
      }
    });
    return coordinated;
  }

  /**
   * The posts a streaming detector can flag as coordinated: each share that follows, within the time
   * window, a share of the same object by the other account of a coordinated pair (the first share of a
   * pair had no one to follow when it was published). Sorted post ids.
   */
  public static TreeSet<String> coordinatedShares(List<Share> shares, long timeWindowMs, int minRepetition) {
    Set<String> pairs = coordinatedPairs(shares, timeWindowMs, minRepetition);
    TreeSet<String> posts = new TreeSet<>();
    forEachCoShare(shares, timeWindowMs, (earlier, later) -> {
      if (pairs.contains(PairCounter.pairKey(earlier.account(), later.account()))) {
        posts.add(later.postId());
      }
    });
    return posts;
  }

  /** Every two shares of one object by two different accounts at most the window apart, earlier first. */
  private static void forEachCoShare(List<Share> shares, long timeWindowMs, BiConsumer<Share, Share> coShare) {
    Map<String, List<Share>> byObject = new HashMap<>();
    for (Share s : shares) {
      byObject.computeIfAbsent(s.objectKey(), k -> new ArrayList<>()).add(s);
    }
    for (List<Share> objectShares : byObject.values()) {
      List<Share> sorted = new ArrayList<>(objectShares);
      sorted.sort(Comparator.comparingLong(Share::createdAtMs));
      for (int i = 0; i < sorted.size(); i++) {
        for (int j = i + 1; j < sorted.size() && sorted.get(j).createdAtMs() - sorted.get(i).createdAtMs() <= timeWindowMs; j++) {
          if (!sorted.get(i).account().equals(sorted.get(j).account())) {
            coShare.accept(sorted.get(i), sorted.get(j));
          }
        }
      }
    }
  }
}

package io.provwatch.scoring.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The streaming detector ({@link ObjectDetector} + {@link PairCounter}, as the topology runs them) finds
 * the same coordinated account pairs as the batch oracle: on hand-made streams, out of order within the
 * grace period, and on the German elections 2021 data set when it is present.
 */
class CoordinationOracleTest {
  private static final long MINUTE = 60_000;
  private static final long DAY = 24 * 60 * MINUTE;

  static CoordinationSettings settings(long timeWindowMs, int minRepetition, long graceMs) {
    return new CoordinationSettings(timeWindowMs, minRepetition, graceMs, 3, 400 * DAY, 2, 10 * MINUTE, 20, 3.0, 50);
  }

  private static Share share(String object, String account, String post, long minute) {
    return new Share(object, account, post, minute * MINUTE);
  }

  /** Three accounts push two links together; a fourth shares one of them too late to be with them; a fifth once. */
  static List<Share> handMade() {
    return List.of(
        share("url:a", "ann", "p1", 0), share("url:a", "bob", "p2", 1), share("url:a", "cat", "p3", 2),
        share("url:a", "dan", "p4", 9), // 7 min after cat: outside a 2 min window
        share("url:b", "ann", "p5", 30), share("url:b", "bob", "p6", 30), share("url:b", "cat", "p7", 31),
        share("url:b", "eve", "p8", 35),
        share("hashtags:#x #y", "ann", "p9", 60), share("hashtags:#x #y", "dan", "p10", 61));
  }

  @Test
  void inOrderTheDetectorFindsTheOraclePairs() {
    for (int minRepetition = 1; minRepetition <= 3; minRepetition++) {
      TreeSet<String> oracle = CoordinationOracle.coordinatedPairs(handMade(), 2 * MINUTE, minRepetition);
      TreeSet<String> stream = new DetectorReplay(settings(2 * MINUTE, minRepetition, 10 * MINUTE)).acceptAll(handMade())
          .coordinatedPairs(minRepetition);
      assertThat(stream).as("min_repetition %d", minRepetition).isEqualTo(oracle);
    }
    assertThat(CoordinationOracle.coordinatedPairs(handMade(), 2 * MINUTE, 2)).containsExactly("ann|bob", "ann|cat", "bob|cat");
    assertThat(CoordinationOracle.coordinatedPairs(handMade(), 2 * MINUTE, 1)).containsExactly("ann|bob", "ann|cat", "ann|dan", "bob|cat");
  }

  @Test
  void theCoordinatedSharesAreTheLaterShareOfEachCoShareOfACoordinatedPair() {
    assertThat(CoordinationOracle.coordinatedShares(handMade(), 2 * MINUTE, 2)).as("ann's shares came first; eve's partner is no pair")
        .containsExactly("p2", "p3", "p6", "p7");
    assertThat(CoordinationOracle.coordinatedShares(handMade(), 2 * MINUTE, 1)).containsExactly("p10", "p2", "p3", "p6", "p7");
  }

  @Test
  void outOfOrderWithinTheGracePeriodCounts() {
    List<Share> shuffled = new ArrayList<>(handMade());
    // cat's second share and bob's first arrive 8 and 20 minutes late, within the 30 min grace period
    Share bobFirst = shuffled.remove(1);
    shuffled.add(4, bobFirst);
    Share catSecond = shuffled.remove(6);
    shuffled.add(8, catSecond);
    DetectorReplay replay = new DetectorReplay(settings(2 * MINUTE, 2, 30 * MINUTE)).acceptAll(shuffled);
    assertThat(replay.tooLate()).isEmpty();
    assertThat(replay.coordinatedPairs(2)).isEqualTo(CoordinationOracle.coordinatedPairs(handMade(), 2 * MINUTE, 2))
        .containsExactly("ann|bob", "ann|cat", "bob|cat");
  }

  @Test
  void sharesLaterThanTheGracePeriodAreReportedAndNotCounted() {
    List<Share> stream = new ArrayList<>(handMade());
    Share late = share("url:a", "eve", "p11", 1); // eve joins url:a at minute 1, but arrives after minute 61
    stream.add(late);
    DetectorReplay replay = new DetectorReplay(settings(2 * MINUTE, 2, 5 * MINUTE)).acceptAll(stream);

    assertThat(replay.tooLate()).containsExactly(late);
    for (int minRepetition = 1; minRepetition <= 2; minRepetition++) {
      assertThat(replay.coordinatedPairs(minRepetition)).as("the stream without the late share")
          .isEqualTo(CoordinationOracle.coordinatedPairs(handMade(), 2 * MINUTE, minRepetition));
    }
    assertThat(CoordinationOracle.coordinatedPairs(stream, 2 * MINUTE, 1)).as("the oracle, which sees everything, counts it")
        .contains("ann|eve", "bob|eve", "cat|eve");
  }

  @Test
  void germanElections2021MatchesTheOracleInOrderAndOutOfOrderWithinGrace() {
    Path csv = GermanElectionsData.locate().orElse(null);
    Assumptions.assumeTrue(csv != null, "shared/data/coordination/" + GermanElectionsData.FILE + " is absent: skipping the data-set comparison");
    long start = System.nanoTime();
    List<Share> shares = GermanElectionsData.shares(GermanElectionsData.rows(csv));
    long loaded = System.nanoTime();
    System.out.printf("coordination oracle: %d distinct shares (url, hashtag, image) read in %d ms%n", shares.size(), (loaded - start) / 1_000_000);
    long grace = 10 * MINUTE;
    List<Share> disordered = arrivalWithin(shares, grace, new Random(2021));
    for (long windowSeconds : new long[] {10, 60}) {
      long window = windowSeconds * 1000;
      long t0 = System.nanoTime();
      var coShares = CoordinationOracle.coShares(shares, window);
      long t1 = System.nanoTime();
      DetectorReplay inOrder = new DetectorReplay(settings(window, 1, grace)).acceptAll(shares);
      long t2 = System.nanoTime();
      DetectorReplay outOfOrder = new DetectorReplay(settings(window, 1, grace)).acceptAll(disordered);
      long t3 = System.nanoTime();
      assertThat(inOrder.tooLate()).isEmpty();
      assertThat(outOfOrder.tooLate()).isEmpty();
      for (int minRepetition = 1; minRepetition <= 3; minRepetition++) {
        int m = minRepetition;
        TreeSet<String> oracle = new TreeSet<>();
        coShares.forEach((pair, objects) -> {
          if (objects.size() >= m) {
            oracle.add(pair);
          }
        });
        assertThat(inOrder.coordinatedPairs(m)).as("window %d s, min_repetition %d, in order", windowSeconds, m).isEqualTo(oracle);
        assertThat(outOfOrder.coordinatedPairs(m)).as("window %d s, min_repetition %d, out of order", windowSeconds, m).isEqualTo(oracle);
        System.out.printf("coordination oracle: time_window %d s, min_repetition %d: %d coordinated pairs (oracle = stream = out-of-order stream)%n",
            windowSeconds, m, oracle.size());
      }
      System.out.printf("coordination oracle: time_window %d s: %d co-sharing pairs; oracle %d ms, stream %d ms, out-of-order stream %d ms%n",
          windowSeconds, coShares.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }
  }

  /** The shares in an arrival order where each may come up to {@code graceMs} after later-published ones. */
  static List<Share> arrivalWithin(List<Share> shares, long graceMs, Random random) {
    record Arrival(Share share, long at) {}
    List<Arrival> arrivals = new ArrayList<>();
    for (Share s : shares) {
      arrivals.add(new Arrival(s, s.createdAtMs() + (long) (random.nextDouble() * graceMs)));
    }
    arrivals.sort(Comparator.comparingLong(Arrival::at));
    return arrivals.stream().map(Arrival::share).toList();
  }
}

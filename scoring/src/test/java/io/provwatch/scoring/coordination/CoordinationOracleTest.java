package io.provwatch.scoring.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The batch reference method the streaming detector is held to (see CoordinationTopologyTest, CoordinationIT). */
class CoordinationOracleTest {
  private static final long MINUTE = 60_000;

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
  void thePairsAreThoseWithMinRepetitionDistinctObjectsCoSharedWithinTheWindow() {
    assertThat(CoordinationOracle.coordinatedPairs(handMade(), 2 * MINUTE, 2)).containsExactly("ann|bob", "ann|cat", "bob|cat");
    assertThat(CoordinationOracle.coordinatedPairs(handMade(), 2 * MINUTE, 1)).containsExactly("ann|bob", "ann|cat", "ann|dan", "bob|cat");
    List<Share> reversed = new ArrayList<>(handMade());
    java.util.Collections.reverse(reversed);
    assertThat(CoordinationOracle.coordinatedPairs(reversed, 2 * MINUTE, 2)).as("the batch method sees the whole input at once")
        .isEqualTo(CoordinationOracle.coordinatedPairs(handMade(), 2 * MINUTE, 2));
  }

  @Test
  void theCoordinatedSharesAreTheLaterShareOfEachCoShareOfACoordinatedPair() {
    assertThat(CoordinationOracle.coordinatedShares(handMade(), 2 * MINUTE, 2)).as("ann's shares came first; eve's partner is no pair")
        .containsExactly("p2", "p3", "p6", "p7");
    assertThat(CoordinationOracle.coordinatedShares(handMade(), 2 * MINUTE, 1)).containsExactly("p10", "p2", "p3", "p6", "p7");
  }
}

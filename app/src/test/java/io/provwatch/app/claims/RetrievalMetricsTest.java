package io.provwatch.app.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The measures as the CheckThat! scorer computes them, on rankings worked out by hand. */
class RetrievalMetricsTest {
  @Test
  void averagePrecisionAtFiveCountsOnlyTheTopFiveAndDividesByAllRelevantClaims() {
    RetrievalMetrics m = new RetrievalMetrics();
    m.add(List.of("a", "b", "c"), Set.of("a"));                      // AP 1, RR 1
    m.add(List.of("x", "a", "y"), Set.of("a"));                      // AP 1/2, RR 1/2
    m.add(List.of("x", "a", "y", "b"), Set.of("a", "b"));            // AP (1/2 + 2/4) / 2 = 1/2
    m.add(List.of("1", "2", "3", "4", "5", "a"), Set.of("a"));       // AP 0 (rank 6), RR 1/6, in the top 20
    m.add(List.of("x"), Set.of("a"));                                // not ranked at all
    RetrievalMetrics.Figures f = m.figures();
    assertThat(f.queries()).isEqualTo(5);
    assertThat(f.map5()).isEqualTo((1 + 0.5 + 0.5 + 0 + 0) / 5, offset(1e-12));
    assertThat(f.mrr()).isEqualTo((1 + 0.5 + 0.5 + 1.0 / 6 + 0) / 5, offset(1e-12));
    assertThat(f.precisionAt1()).isEqualTo(0.2, offset(1e-12));
    assertThat(f.recallAt5()).isEqualTo((1 + 1 + 1 + 0 + 0) / 5.0, offset(1e-12));
    assertThat(f.recallAt20()).isEqualTo((1 + 1 + 1 + 1 + 0) / 5.0, offset(1e-12));
  }
}

package io.provwatch.app.aitext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MetricsTest {
  private static final boolean[] LABELS = {false, false, false, false, true, true, true, true};

  @Test
  void aurocIsTheShareOfCorrectlyOrderedPairsWithTiesCountingHalf() {
    assertThat(Metrics.auroc(new double[] {.1, .2, .3, .4, .6, .7, .8, .9}, LABELS)).isEqualTo(1.0);
    assertThat(Metrics.auroc(new double[] {.9, .8, .7, .6, .4, .3, .2, .1}, LABELS)).isEqualTo(0.0);
    assertThat(Metrics.auroc(new double[] {.5, .5, .5, .5, .5, .5, .5, .5}, LABELS)).isEqualTo(0.5);
    // one human (0.65) above two machine texts: 16 pairs, 2 wrong
    assertThat(Metrics.auroc(new double[] {.1, .2, .3, .65, .6, .62, .8, .9}, LABELS)).isEqualTo(14 / 16.0);
  }

  @Test
  void tprAtFprUsesTheStrictestThresholdThatKeepsHumansWithinTheRate() {
    double[] scores = {.1, .2, .3, .65, .6, .62, .8, .9};
    assertThat(Metrics.tprAtFpr(scores, LABELS, 0.01)).as("no human may pass: above 0.65").isEqualTo(0.5);
    assertThat(Metrics.tprAtFpr(scores, LABELS, 0.25)).as("one of four humans may pass: above 0.3").isEqualTo(1.0);
  }

  @Test
  void f1AndRatesAtAThreshold() {
    double[] scores = {.1, .2, .3, .65, .6, .62, .8, .9};
    // at 0.61: tp 3 (0.62, 0.8, 0.9), fp 1 (0.65), fn 1 (0.6)
    assertThat(Metrics.f1(scores, LABELS, 0.61)).isEqualTo(6.0 / 8.0);
    assertThat(Metrics.rateAtThreshold(scores, LABELS, true, 0.61)).isEqualTo(0.75);
    assertThat(Metrics.rateAtThreshold(scores, LABELS, false, 0.61)).isEqualTo(0.25);
  }

  @Test
  void eceIsZeroForPerfectCalibrationAndTheGapOtherwise() {
    boolean[] halfMachine = {true, false, true, false};
    assertThat(Metrics.ece(new double[] {.55, .55, .55, .55}, halfMachine)).isCloseTo(0.05, within(1e-12));
    assertThat(Metrics.ece(new double[] {.95, .95, .95, .95}, new boolean[] {true, true, true, true})).isCloseTo(0.05, within(1e-12));
    assertThat(Metrics.ece(new double[] {.05, .95}, new boolean[] {false, true})).isCloseTo(0.05, within(1e-12));
  }

  @Test
  void theRocCurveRunsFromTheOriginToTheTopRight() {
    var roc = Metrics.roc(new double[] {.1, .2, .3, .65, .6, .62, .8, .9}, LABELS);
    assertThat(roc.get(0)).containsExactly(0, 0);
    assertThat(roc.get(roc.size() - 1)).containsExactly(1, 1);
    assertThat(roc).hasSize(9);
  }
}

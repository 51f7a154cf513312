package io.provwatch.app.aitext;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The decision threshold holds the false-alarm target in every calibration domain, not only on average. */
class CalibrationThresholdTest {
  /** 100 human texts per domain: "calm" ones score 0.01..0.50, "formal" ones 0.50..0.99. */
  private static final int PER_DOMAIN = 100;

  @Test
  void theDomainWithTheHighestHumanScoresSetsTheThreshold() {
    double[] p = new double[2 * PER_DOMAIN];
    boolean[] machine = new boolean[p.length];
    String[] datasets = new String[p.length];
    for (int i = 0; i < PER_DOMAIN; i++) {
      p[i] = 0.01 + 0.49 * i / (PER_DOMAIN - 1);
      datasets[i] = "calm";
      p[PER_DOMAIN + i] = 0.50 + 0.49 * i / (PER_DOMAIN - 1);
      datasets[PER_DOMAIN + i] = "formal";
    }
    double pooled = LogisticTrainer.threshold(p, machine, 0.05);
    double perDomain = LogisticTrainer.threshold(p, machine, datasets, 0.05);
    assertThat(perDomain).isGreaterThan(pooled);
    double[] formal = Arrays.copyOfRange(p, PER_DOMAIN, 2 * PER_DOMAIN);
    assertThat(Arrays.stream(formal).filter(x -> x >= perDomain).count()).as("at most 5 of the formal domain's 100").isEqualTo(5);
    assertThat(Arrays.stream(formal).filter(x -> x >= pooled).count()).as("pooled, the formal domain gets twice the target")
        .isGreaterThan(5);
    assertThat(LogisticTrainer.thresholdByDataset(p, machine, datasets, 0.05)).extracting(e -> e.getKey())
        .containsExactly("", "formal", "calm");
  }

  @Test
  void aDomainWithTooFewHumanTextsDoesNotSetTheThresholdAlone() {
    int few = 5; // fewer than MIN_DATASET_HUMANS, and fewer than the 5 % pooled allowance
    double[] p = new double[PER_DOMAIN + few];
    boolean[] machine = new boolean[p.length];
    String[] datasets = new String[p.length];
    for (int i = 0; i < p.length; i++) {
      boolean small = i >= PER_DOMAIN;
      p[i] = small ? 0.99 : 0.01 + 0.49 * i / (PER_DOMAIN - 1);
      datasets[i] = small ? "tiny" : "calm";
    }
    assertThat(LogisticTrainer.threshold(p, machine, datasets, 0.05)).isLessThan(0.99);
    assertThat(LogisticTrainer.thresholdByDataset(p, machine, datasets, 0.05)).extracting(e -> e.getKey()).doesNotContain("tiny");
  }
}

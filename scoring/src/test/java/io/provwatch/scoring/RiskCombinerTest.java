package io.provwatch.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.avro.Signal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskCombinerTest {
  private static Signal signal(String name, double score) {
    return Signal.newBuilder().setName(name).setScore(score).build();
  }

  private final RiskCombiner combiner = new RiskCombiner(Map.of("a", 0.9, "b", 0.5));

  @Test
  void noSignalsMeanNoRisk() {
    assertThat(combiner.combine(List.of())).isZero();
    assertThat(combiner.combine(List.of(signal("a", 0), signal("b", 0)))).isZero();
  }

  @Test
  void oneSignalGivesItsWeightedScoreAndSeveralAddUpBelowOne() {
    assertThat(combiner.combine(List.of(signal("a", 1.0)))).isEqualTo(0.9);
    assertThat(combiner.combine(List.of(signal("a", 1.0), signal("b", 1.0)))).isEqualTo(0.95);
    assertThat(combiner.combine(List.of(signal("a", 1.0), signal("b", 1.0), signal("c", 1.0)))).isEqualTo(0.975).isLessThan(1.0);
  }

  @Test
  void unknownSignalsCountWithTheDefaultWeightAndWeightsAreValidated() {
    assertThat(combiner.combine(List.of(signal("new-scorer", 1.0)))).isEqualTo(RiskCombiner.DEFAULT_WEIGHT);
    assertThatThrownBy(() -> new RiskCombiner(Map.of("x", 1.5))).hasMessageContaining("'x'").hasMessageContaining("1.5");
  }
}

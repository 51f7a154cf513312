package io.provwatch.scoring.aitext;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CharLanguageModelTest {
  private static final int BITS = 16;
  private static final int HUMAN = LanguageModelFeature.HUMAN_LOG_PROB.ordinal();
  private static final int MACHINE = LanguageModelFeature.MACHINE_LOG_PROB.ordinal();
  private static final int RATIO = LanguageModelFeature.LOG_LIKELIHOOD_RATIO.ordinal();
  private static final int VARIATION = LanguageModelFeature.HUMAN_SURPRISE_VARIATION.ordinal();

  private final TextFeatures f = new TextFeatures(BITS);

  /** Models counted on all but the last text of each hand-written class. */
  private CharLanguageModel trained() {
    int[] human = new int[1 << BITS];
    int[] machine = new int[1 << BITS];
    count(HandWrittenTexts.HUMAN.subList(0, HandWrittenTexts.HUMAN.size() - 1), human);
    count(HandWrittenTexts.MACHINE.subList(0, HandWrittenTexts.MACHINE.size() - 1), machine);
    return new CharLanguageModel(BITS, human, machine);
  }

  private void count(List<String> texts, int[] counts) {
    for (String text : texts) {
      f.extract(text);
      CharLanguageModel.count(f.charBuckets(), f.charCount(), counts);
    }
  }

  private double[] features(CharLanguageModel model, String text) {
    double[] out = new double[LanguageModelFeature.values().length];
    model.features(f.extract(text), out);
    return out;
  }

  @Test
  void heldOutTextsAreLikelierUnderTheModelOfTheirOwnClass() {
    CharLanguageModel model = trained();
    double[] machine = features(model, HandWrittenTexts.MACHINE.get(HandWrittenTexts.MACHINE.size() - 1));
    double[] human = features(model, HandWrittenTexts.HUMAN.get(HandWrittenTexts.HUMAN.size() - 1));
    assertThat(machine[RATIO]).isGreaterThan(human[RATIO]);
    assertThat(machine[RATIO]).isEqualTo(machine[MACHINE] - machine[HUMAN]);
    assertThat(human[HUMAN]).isNegative();
    assertThat(human[VARIATION]).isPositive();
  }

  @Test
  void withoutCountsEveryPositionIsEquallyLikely() {
    double[] out = features(CharLanguageModel.empty(BITS), HandWrittenTexts.HUMAN.get(0));
    double uniform = Math.log(CharLanguageModel.SMOOTHING) - Math.log(CharLanguageModel.SMOOTHING * CharLanguageModel.ALPHABET);
    assertThat(out[HUMAN]).isCloseTo(uniform, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(out[RATIO]).isZero();
    assertThat(out[VARIATION]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-6));
  }

  @Test
  void aTextWithTooFewPositionsHasNoFeatures() {
    assertThat(features(trained(), "ok thx")).containsOnly(Double.NaN);
  }
}

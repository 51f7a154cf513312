package io.provwatch.scoring.aitext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class AiTextModelTest {
  private final AiTextModel model = AiTextModel.defaultModel();

  @Test
  void theShippedModelLoadsWithItsVersionThresholdAndMinimumLength() {
    assertThat(model.version()).matches("aitext-2-[0-9a-f]{8}");
    assertThat(model.threshold()).isBetween(0.5, 1.0);
    assertThat(model.minChars()).isPositive();
    assertThat(AiTextModel.defaultModel()).as("loaded once").isSameAs(model);
  }

  @Test
  void aModelWrittenAndReadBackScoresExactlyAsTheOriginal() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    model.write(bytes);
    AiTextModel copy = AiTextModel.read(new ByteArrayInputStream(bytes.toByteArray()));
    assertThat(copy.version()).isEqualTo(model.version());
    assertThat(copy.threshold()).isEqualTo(model.threshold());
    TextFeatures f = new TextFeatures(model.hashBits());
    for (String text : HandWrittenTexts.MACHINE) {
      f.extract(text);
      assertThat(copy.probability(f)).isEqualTo(model.probability(f));
    }
  }

  @Test
  void probabilitiesAreCalibratedMarginsAndContributionsAreSortedByStrength() {
    TextFeatures f = new TextFeatures(model.hashBits()).extract(HandWrittenTexts.HUMAN.get(1));
    assertThat(model.probability(f)).isEqualTo(model.calibrate(model.margin(f))).isBetween(0.0, 1.0);
    var contributions = model.contributions(f);
    assertThat(contributions).extracting(c -> Math.abs(c.amount())).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(contributions).extracting(AiTextModel.Contribution::feature).contains("character-ngrams", "word-ngrams");
  }

  @Test
  void featuresOfAnotherHashSizeAreRefused() {
    assertThatThrownBy(() -> model.margin(new TextFeatures(model.hashBits() - 1).extract("some text")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bits");
  }

  @Test
  void theShippedModelCarriesItsCharacterLanguageModelsAsFeatures() {
    TextFeatures f = new TextFeatures(model.hashBits()).extract(HandWrittenTexts.MACHINE.get(0));
    double[] dense = model.dense(f);
    assertThat(dense).hasSize(AiTextModel.DENSE);
    int ratio = Stylometry.values().length + LanguageModelFeature.LOG_LIKELIHOOD_RATIO.ordinal();
    assertThat(AiTextModel.denseId(ratio)).isEqualTo("lm-likelihood-ratio");
    assertThat(dense[ratio]).as("a trained model has counts: the ratio is not that of an empty model").isNotZero().isFinite();
    assertThat(model.margin(f, dense)).isEqualTo(model.margin(f));
  }

  @Test
  void aModelOfTheFormerFormatIsRefusedWithAClearMessage() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (java.io.DataOutputStream out = new java.io.DataOutputStream(new GZIPOutputStream(bytes))) {
      out.writeInt(0x50574149);
      out.writeInt(1);
    }
    assertThatThrownBy(() -> AiTextModel.read(new ByteArrayInputStream(bytes.toByteArray())))
        .isInstanceOf(IOException.class).hasMessageContaining("format 1 is not supported");
  }

  @Test
  void aFileThatIsNotAModelIsRefusedWithAClearMessage() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write("definitely not a model".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> AiTextModel.read(new ByteArrayInputStream(bytes.toByteArray())))
        .isInstanceOf(IOException.class).hasMessageContaining("not a provwatch AI-text model");
  }
}

package io.provwatch.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.platform.config.ProvwatchConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoringConfigHashTest {
  private static final RiskCombiner WEIGHTS = RiskCombiner.defaults();

  private static ProvwatchConfig config(Map<String, String> settings) {
    return new ProvwatchConfig(settings);
  }

  @Test
  void theSameScoringSettingsGiveTheSameHashWhateverTheAddressesAndIds() {
    String a = ScoringConfigHash.of(config(Map.of()), WEIGHTS, "m1");
    String b = ScoringConfigHash.of(config(Map.of(ProvwatchConfig.BOOTSTRAP_SERVERS, "kafka-1:9092",
        ProvwatchConfig.SCORING_APPLICATION_ID, "other-app", ProvwatchConfig.DATA_DIR, "/elsewhere")), WEIGHTS, "m1");
    assertThat(a).hasSize(16).matches("[0-9a-f]{16}").isEqualTo(b);
  }

  @Test
  void aScoringSettingAThresholdAWeightOrTheModelChangeIt() {
    String base = ScoringConfigHash.of(config(Map.of()), WEIGHTS, "m1");
    assertThat(ScoringConfigHash.of(config(Map.of(ProvwatchConfig.SCORING_RULE_SET_VERSION, "rules-2")), WEIGHTS, "m1")).isNotEqualTo(base);
    assertThat(ScoringConfigHash.of(config(Map.of(ProvwatchConfig.SINK_MIN_RISK, "0.6")), WEIGHTS, "m1")).isNotEqualTo(base);
    assertThat(ScoringConfigHash.of(config(Map.of(ProvwatchConfig.SCORING_SEEN_POSTS_RETENTION_MS, "3600000")), WEIGHTS, "m1"))
        .as("what counts as seen").isNotEqualTo(base);
    assertThat(ScoringConfigHash.of(config(Map.of(ProvwatchConfig.SCORING_COPIES_RETENTION_MS, "3600000")), WEIGHTS, "m1"))
        .as("what counts as a copy").isNotEqualTo(base);
    Map<String, Double> weights = new HashMap<>(WEIGHTS.weights());
    weights.put("ai-text", 0.7);
    assertThat(ScoringConfigHash.of(config(Map.of()), new RiskCombiner(weights), "m1")).isNotEqualTo(base);
    assertThat(ScoringConfigHash.of(config(Map.of()), WEIGHTS, "m2")).isNotEqualTo(base);
  }

  @Test
  void theCanonicalTextIsSortedAndLeavesCredentialsOut() {
    String text = ScoringConfigHash.canonicalText(config(Map.of(ProvwatchConfig.SCORING_SECOND_TIER_URL,
        "https://user:secret@detector.example:8443/score?token=abc")), WEIGHTS, "m1");
    assertThat(text).contains("scoring.second.tier.url=https://detector.example:8443/score\n")
        .contains("weight.ai-text=0.6\n").contains("model.version=m1\n").contains("sink.min.risk=0.3\n")
        .doesNotContain("secret").doesNotContain("token").doesNotContain("application.id").doesNotContain("bootstrap");
    assertThat(text.lines().map(line -> line.substring(0, line.indexOf('='))).toList()).as("sorted by key").isSorted();
  }
}

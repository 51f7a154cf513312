package io.provwatch.sink;

import static io.provwatch.sink.Assessments.assessment;
import static io.provwatch.sink.Assessments.signal;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Alert;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Severity;
import io.provwatch.platform.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules of which assessments raise alerts: risk floor and severity, and which signals can open one. */
class AlertPolicyTest {
  private static final AlertPolicy DEFAULTS = AlertPolicy.fromConfig(new ConfigLoader().load());

  @Test
  void aRepostOfAnUnseenOriginalAloneOpensNoAlertThoughItsRiskReachesTheFloor() {
    assertThat(DEFAULTS.severityOf(assessment("x:1", 0.3, signal("unseen-original", 0.6, "repost of x:0, never seen")))).isEmpty();
  }

  @Test
  void mediaWithoutADigestAloneOpensNoAlert() {
    assertThat(DEFAULTS.severityOf(assessment("x:2", 0.4, signal("missing-media-digest", 1.0, "no digest")))).isEmpty();
  }

  @Test
  void weakCredentialGapsOpenNoAlertButBrokenCredentialsDo() {
    assertThat(DEFAULTS.severityOf(assessment("x:3", 0.3, signal("provenance-credentials", 0.3, "no credentials")))).isEmpty();
    assertThat(DEFAULTS.severityOf(assessment("x:4", 0.7, signal("provenance-credentials", 1.0, "broken credentials"))))
        .contains(Severity.MEDIUM);
  }

  @Test
  void contextSignalsAddToTheRiskOfASignalThatOpens() {
    // link-credibility alone would stay under the floor; with the unseen original the risk reaches it
    assertThat(DEFAULTS.severityOf(assessment("x:5", 0.25, signal("link-credibility", 0.5, "poorly rated site")))).isEmpty();
    assertThat(DEFAULTS.severityOf(assessment("x:5", 0.4, signal("link-credibility", 0.5, "poorly rated site"),
        signal("unseen-original", 0.6, "repost of x:0, never seen")))).contains(Severity.LOW);
  }

  @Test
  void aSignalNotListedOpensAtAnyScoreAboveZeroAndABelowMinimumScoreDoesNot() {
    OpeningSignals openers = new OpeningSignals(OpeningSignals.parse(List.of("ai-text=0.9", "burst=never")));
    assertThat(openers.opens(signal("claim-match", 0.01, "c"))).isTrue();
    assertThat(openers.opens(signal("claim-match", 0.0, "c"))).as("a signal that did not fire").isFalse();
    assertThat(openers.opens(signal("ai-text", 0.89, "a"))).isFalse();
    assertThat(openers.opens(signal("ai-text", 0.9, "a"))).isTrue();
    assertThat(openers.opens(signal("burst", 1.0, "b"))).isFalse();
    assertThat(openers.minScores()).containsEntry("burst", Double.POSITIVE_INFINITY).containsEntry("ai-text", 0.9);
  }

  @Test
  void theLeadIsTheStrongestSignalThatOpensNotTheStrongestSignal() {
    OpeningSignals openers = new OpeningSignals(Map.of("unseen-original", Double.POSITIVE_INFINITY));
    assertThat(openers.lead(List.of(signal("unseen-original", 0.9, "u"), signal("ai-text", 0.6, "a"), signal("burst", 0.5, "b"))))
        .hasValueSatisfying(s -> assertThat(s.getName()).isEqualTo("ai-text"));
    assertThat(OpeningSignals.ALL.lead(List.of(signal("unseen-original", 0.9, "u"), signal("ai-text", 0.6, "a"))))
        .hasValueSatisfying(s -> assertThat(s.getName()).isEqualTo("unseen-original"));
  }

  @Test
  void withEveryoneOpeningTheRiskAloneDecidesAsBefore() {
    AlertPolicy all = AlertPolicy.fromConfig(new ConfigLoader().flags(List.of("sink.alert.open.min.scores=")).load());
    assertThat(all.severityOf(assessment("x:1", 0.3, signal("unseen-original", 0.6, "repost of x:0, never seen")))).contains(Severity.LOW);
    assertThat(all.severityOf(assessment("x:1", 0.29, signal("unseen-original", 0.6, "repost of x:0, never seen")))).isEmpty();
  }

  @Test
  void aContextOnlyFindingAtTheFloorGoesToItsCauseAndAPostThatOpensDoesNot() {
    assertThat(DEFAULTS.causeMinPosts()).isEqualTo(5);
    assertThat(DEFAULTS.causeSeverityOf(assessment("x:1", 0.3, signal("unseen-original", 0.6, "repost of x:0, never seen"))))
        .contains(Severity.LOW);
    assertThat(DEFAULTS.causeSeverityOf(assessment("x:2", 0.2, signal("missing-media-digest", 0.5, "no digest")))).as("under the floor").isEmpty();
    assertThat(DEFAULTS.causeSeverityOf(assessment("x:3", 0.9, signal("unattributed-copy", 1.0, "copy")))).as("opens its own").isEmpty();
    AlertPolicy notGathered = AlertPolicy.fromConfig(new ConfigLoader().flags(List.of("sink.alert.cause.min.posts=0")).load());
    assertThat(notGathered.causeSeverityOf(assessment("x:1", 0.3, signal("unseen-original", 0.6, "repost of x:0, never seen")))).isEmpty();
  }

  @Test
  void theCandidateOfAnAssessmentIsTheOneDecisionOfBothRules() {
    InputRef at = InputRef.newBuilder().setTopic("assessments").setPartition(0).setOffset(7).build();
    assertThat(DEFAULTS.candidateOf(assessment("x:1", 0.29, signal("unattributed-copy", 1.0, "copy")), at)).as("under the floor").isEmpty();

    Alert own = DEFAULTS.candidateOf(assessment("x:2", 0.9, signal("unseen-original", 1.0, "repost of x:0, never seen"),
        signal("ai-text", 0.7, "likely machine-written")), at).orElseThrow();
    assertThat(own.getGroupKey()).isEqualTo("post:x:2");
    assertThat(own.getCategory()).as("named by the strongest signal that can open, not the stronger context signal")
        .isEqualTo(AlertCategories.of("ai-text"));
    assertThat(own.getSeverity()).isEqualTo(Severity.CRITICAL);
    assertThat(own.getReasons()).as("every firing signal's reasons, strongest first")
        .containsExactly("repost of x:0, never seen", "likely machine-written");

    Alert cause = DEFAULTS.candidateOf(assessment("x:3", 0.3, signal("unseen-original", 0.6, "repost of x:0, never seen")), at).orElseThrow();
    assertThat(cause.getGroupKey()).isEqualTo("account:x:a");
    assertThat(cause.getCategory()).isEqualTo(AlertCategories.PROVENANCE_GAP);
    AlertPolicy notGathered = AlertPolicy.fromConfig(new ConfigLoader().flags(List.of("sink.alert.cause.min.posts=0")).load());
    assertThat(notGathered.candidateOf(assessment("x:3", 0.3, signal("unseen-original", 0.6, "repost of x:0, never seen")), at)).isEmpty();
  }
}

package io.provwatch.sink;

import io.provwatch.avro.Alert;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Severity;
import io.provwatch.avro.Signal;
import io.provwatch.platform.config.ProvwatchConfig;
import java.util.List;
import java.util.Optional;

/**
 * Whether an assessment raises an alert, and of which severity: its risk must reach the severity
 * policy's floor and one of its signals must be able to open an alert. A finding whose risk reaches the
 * floor on context-only signals goes to the alert of its cause (the account), which opens once
 * {@code causeMinPosts} posts are in it. The one rule the sink applies and the bench and
 * {@code eval alerts} expect.
 *
 * @param causeMinPosts posts of one cause that open its alert ({@code sink.alert.cause.min.posts}); 0: none gathered
 */
public record AlertPolicy(SeverityPolicy severities, OpeningSignals openers, int causeMinPosts) {
  public static AlertPolicy fromConfig(ProvwatchConfig config) {
    return new AlertPolicy(SeverityPolicy.fromConfig(config), OpeningSignals.fromConfig(config),
        config.getInt(ProvwatchConfig.SINK_ALERT_CAUSE_MIN_POSTS));
  }

  /**
   * The candidate {@code assessment} makes ({@link AlertCandidates}), or empty when it raises no alert: the
   * one decision of {@link #severityOf} and {@link #causeSeverityOf}, with the risk floor checked first
   * (most assessments stop there) and the signals ranked once.
   *
   * @param assessmentRecord where the assessment was read, for the alert's lineage
   */
  public Optional<Alert> candidateOf(Assessment assessment, InputRef assessmentRecord) {
    Optional<Severity> severity = severities.severityOf(assessment.getRisk());
    if (severity.isEmpty()) {
      return Optional.empty();
    }
    List<Signal> firing = AlertCandidates.firing(assessment);
    Optional<Signal> lead = firing.stream().filter(openers::opens).findFirst();
    if (lead.isPresent()) {
      return Optional.of(AlertCandidates.of(assessment, severity.get(), assessmentRecord, firing, lead));
    }
    return causeMinPosts == 0 ? Optional.empty() : Optional.of(AlertCandidates.ofCause(assessment, severity.get(), assessmentRecord, firing));
  }

  /** The severity of the alert {@code assessment} raises, or empty when it raises none. */
  public Optional<Severity> severityOf(Assessment assessment) {
    return openers.lead(assessment.getSignals()).isEmpty() ? Optional.empty() : severities.severityOf(assessment.getRisk());
  }

  /**
   * The severity {@code assessment} brings to the alert of its cause, or empty when it opens an alert of
   * its own ({@link #severityOf}), stays under the floor, or causes are not gathered.
   */
  public Optional<Severity> causeSeverityOf(Assessment assessment) {
    if (causeMinPosts == 0 || openers.lead(assessment.getSignals()).isPresent()) {
      return Optional.empty();
    }
    return severities.severityOf(assessment.getRisk());
  }
}

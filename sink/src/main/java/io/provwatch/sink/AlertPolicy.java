package io.provwatch.sink;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.Severity;
import io.provwatch.platform.config.ProvwatchConfig;
import java.util.Optional;

/**
 * Whether an assessment raises an alert, and of which severity: its risk must reach the severity
 * policy's floor and one of its signals must be able to open an alert. The one rule the sink applies
 * and the bench and {@code eval alerts} expect.
 */
public record AlertPolicy(SeverityPolicy severities, OpeningSignals openers) {
  public static AlertPolicy fromConfig(ProvwatchConfig config) {
    return new AlertPolicy(SeverityPolicy.fromConfig(config), OpeningSignals.fromConfig(config));
  }

  /** The severity of the alert {@code assessment} raises, or empty when it raises none. */
  public Optional<Severity> severityOf(Assessment assessment) {
    return openers.lead(assessment.getSignals()).isEmpty() ? Optional.empty() : severities.severityOf(assessment.getRisk());
  }
}

package io.provwatch.sink;

import io.provwatch.avro.Severity;
import io.provwatch.platform.config.ProvwatchConfig;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * Which risk raises which alert severity: the lowest risk of each severity, and a floor below which
 * no alert is raised. Read from {@code sink.severity.thresholds} and {@code sink.min.risk}.
 */
public final class SeverityPolicy {
  private final EnumMap<Severity, Double> thresholds;
  private final double minRisk;

  public SeverityPolicy(Map<Severity, Double> thresholds, double minRisk) {
    this.thresholds = new EnumMap<>(thresholds);
    this.minRisk = minRisk;
  }

  public static SeverityPolicy fromConfig(ProvwatchConfig config) {
    return new SeverityPolicy(parse(config.getString(ProvwatchConfig.SINK_SEVERITY_THRESHOLDS)), config.getDouble(ProvwatchConfig.SINK_MIN_RISK));
  }

  /** Parses {@code critical=0.9,high=0.75,...}; every error names the key and the bad part. */
  static Map<Severity, Double> parse(String spec) {
    Map<Severity, Double> thresholds = new EnumMap<>(Severity.class);
    for (String part : spec.split(",")) {
      String[] kv = part.trim().split("=");
      if (kv.length != 2) {
        throw new ConfigException(ProvwatchConfig.SINK_SEVERITY_THRESHOLDS, spec, "expected severity=risk pairs, got '" + part.trim() + "'");
      }
      Severity severity;
      try {
        severity = Severity.valueOf(kv[0].trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(ProvwatchConfig.SINK_SEVERITY_THRESHOLDS, spec, "unknown severity '" + kv[0].trim() + "' (one of info, low, medium, high, critical)");
      }
      double risk;
      try {
        risk = Double.parseDouble(kv[1].trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(ProvwatchConfig.SINK_SEVERITY_THRESHOLDS, spec, "'" + kv[1].trim() + "' is not a number");
      }
      if (risk < 0 || risk > 1) {
        throw new ConfigException(ProvwatchConfig.SINK_SEVERITY_THRESHOLDS, spec, "risk of " + severity + " must be within 0..1");
      }
      thresholds.put(severity, risk);
    }
    Double previous = null;
    for (Severity severity : Severity.values()) { // lowest first: thresholds must not fall as severity rises
      Double t = thresholds.get(severity);
      if (t != null && previous != null && t < previous) {
        throw new ConfigException(ProvwatchConfig.SINK_SEVERITY_THRESHOLDS, spec, "threshold of " + severity + " is below that of a lower severity");
      }
      previous = t != null ? t : previous;
    }
    return thresholds;
  }

  /** The severity of an alert for {@code risk}, or empty when it raises none. */
  public Optional<Severity> severityOf(double risk) {
    if (risk < minRisk) {
      return Optional.empty();
    }
    Severity result = null;
    for (Severity severity : Severity.values()) {
      Double t = thresholds.get(severity);
      if (t != null && risk >= t) {
        result = severity;
      }
    }
    return Optional.of(result == null ? Severity.INFO : result);
  }
}

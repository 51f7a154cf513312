package io.provwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.avro.Severity;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SeverityPolicyTest {
  @Test
  void mapsRiskToTheHighestSeverityReached() {
    SeverityPolicy policy = new SeverityPolicy(SeverityPolicy.parse("critical=0.9, high=0.75,medium=0.5,low=0.3"), 0.3);
    assertThat(policy.severityOf(0.29)).isEmpty();
    assertThat(policy.severityOf(0.3)).contains(Severity.LOW);
    assertThat(policy.severityOf(0.74)).contains(Severity.MEDIUM);
    assertThat(policy.severityOf(0.9)).contains(Severity.CRITICAL);
  }

  @Test
  void badPoliciesNameTheKeyAndTheProblem() {
    assertThatThrownBy(() -> SeverityPolicy.parse("urgent=0.9")).isInstanceOf(ConfigException.class)
        .hasMessageContaining("sink.severity.thresholds").hasMessageContaining("unknown severity 'urgent'");
    assertThatThrownBy(() -> SeverityPolicy.parse("high=lots")).hasMessageContaining("'lots' is not a number");
    assertThatThrownBy(() -> SeverityPolicy.parse("high=0.5,critical=0.4")).hasMessageContaining("below that of a lower severity");
    assertThatThrownBy(() -> SeverityPolicy.parse("high")).hasMessageContaining("severity=risk");
  }

  @Test
  void alertIdsAreDeterministicAndOrderFree() {
    assertThat(AlertIds.of("c", List.of("x:1", "x:2"), "m", "r")).isEqualTo(AlertIds.of("c", List.of("x:2", "x:1"), "m", "r"))
        .startsWith("alert-").hasSize(38);
    assertThat(AlertIds.of("c", List.of("x:1"), "m", "r")).isNotEqualTo(AlertIds.of("c", List.of("x:1"), "m2", "r"));
  }
}

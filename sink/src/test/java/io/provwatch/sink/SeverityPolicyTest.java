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
  void alertIdsAreDeterministicAndDependOnEveryPart() {
    String id = AlertIds.of("c", "post:x:1", 1000, "m", "r");
    assertThat(id).isEqualTo(AlertIds.of("c", "post:x:1", 1000, "m", "r")).startsWith("alert-").hasSize(38);
    assertThat(List.of(AlertIds.of("c2", "post:x:1", 1000, "m", "r"), AlertIds.of("c", "post:x:2", 1000, "m", "r"),
        AlertIds.of("c", "post:x:1", 1001, "m", "r"), AlertIds.of("c", "post:x:1", 1000, "m2", "r"),
        AlertIds.of("c", "post:x:1", 1000, "m", "r2"), AlertIds.of("cp", "ost:x:1", 1000, "m", "r"))).doesNotContain(id).doesNotHaveDuplicates();
  }
}

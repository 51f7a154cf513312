package io.provwatch.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class AvroCompatibilityTest {
  private static Schema record(String fields) {
    return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
  }

  private static final Schema A = record("{\"name\":\"a\",\"type\":\"string\"}");
  private static final Schema A_B_DEFAULT = record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}");
  private static final Schema A_C_REQUIRED = record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"c\",\"type\":\"int\"}");
  private static final Schema B_DEFAULT_ONLY = record("{\"name\":\"b\",\"type\":\"int\",\"default\":0}");

  @Test
  void backwardMeansTheNewSchemaReadsOldData() {
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.BACKWARD, A_B_DEFAULT, List.of(A))).isTrue();
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.BACKWARD, A_C_REQUIRED, List.of(A))).isFalse();
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.BACKWARD, B_DEFAULT_ONLY, List.of(A))).isTrue();
  }

  @Test
  void forwardMeansOldSchemasReadNewData() {
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.FORWARD, A_C_REQUIRED, List.of(A))).isTrue();
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.FORWARD, B_DEFAULT_ONLY, List.of(A))).isFalse();
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.FULL, B_DEFAULT_ONLY, List.of(A))).isFalse();
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.FULL, A_B_DEFAULT, List.of(A))).isTrue();
  }

  @Test
  void nonTransitiveLevelsCompareWithTheLatestOnlyTransitiveWithAll() {
    // after A then B_DEFAULT_ONLY, a reader needing a (no default) cannot read the latest's data
    List<Schema> history = List.of(A, B_DEFAULT_ONLY);
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.BACKWARD, A_B_DEFAULT, history)).isFalse();
    Schema aWithDefault = record("{\"name\":\"a\",\"type\":\"string\",\"default\":\"\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}");
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.BACKWARD, aWithDefault, history)).isTrue();
    // with A as the latest, BACKWARD looks at A only; BACKWARD_TRANSITIVE also at B_DEFAULT_ONLY
    List<Schema> reversed = List.of(B_DEFAULT_ONLY, A);
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.BACKWARD, A_B_DEFAULT, reversed)).isTrue();
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.BACKWARD_TRANSITIVE, A_B_DEFAULT, reversed)).isFalse();
  }

  @Test
  void noneAndEmptyHistoryAcceptAnything() {
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.NONE, A_C_REQUIRED, List.of(A))).isTrue();
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.FULL_TRANSITIVE, A_C_REQUIRED, List.of())).isTrue();
  }
}

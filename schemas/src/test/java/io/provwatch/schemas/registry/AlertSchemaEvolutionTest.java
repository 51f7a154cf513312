package io.provwatch.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Alert;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Alert as released before the lifecycle (one record per alert, no status or revision) is kept in
 * {@code src/test/resources/avro-history} (InputRef inlined): the current schema must read its data,
 * since a running deployment's {@code alerts} topic holds it, and old consumers must read the new.
 */
class AlertSchemaEvolutionTest {
  private static Schema v1() throws IOException {
    try (InputStream in = AlertSchemaEvolutionTest.class.getResourceAsStream("/avro-history/Alert-v1.avsc")) {
      assertThat(in).isNotNull();
      return new Schema.Parser().parse(in);
    }
  }

  @Test
  void currentAlertIsFullyTransitivelyCompatibleWithTheReleasedVersion() throws IOException {
    Schema v1 = v1();
    assertThat(v1.getField("revision")).as("the history is not the current schema").isNull();
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.FULL_TRANSITIVE, Alert.getClassSchema(), List.of(v1))).isTrue();
  }
}

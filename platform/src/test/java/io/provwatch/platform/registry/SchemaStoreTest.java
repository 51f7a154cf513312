package io.provwatch.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.schemas.registry.CompatibilityLevel;
import io.provwatch.schemas.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaStoreTest {
  static final String V1 = "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
  /** V1 plus a field with a default: BACKWARD compatible. */
  static final String V2 = "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
      + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}";
  /** V1 plus a field without default: a reader of this cannot read V1 data, so not BACKWARD compatible. */
  static final String BREAKING = "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"t\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
      + "{\"name\":\"c\",\"type\":\"int\"}]}";

  /** A log that records what it was given, so tests can replay it into a fresh store. */
  static final class RecordingLog implements SchemaStoreLog {
    final List<Map.Entry<String, String>> records = new ArrayList<>();
    boolean failing;

    @Override
    public void append(String key, String value) {
      if (failing) {
        throw new IllegalStateException("broker gone");
      }
      records.add(Map.entry(key, value));
    }
  }

  private final RecordingLog log = new RecordingLog();
  private final SchemaStore store = new SchemaStore(log);

  @Test
  void registersVersionsInOrderWithIncreasingIds() {
    SchemaStore.Version first = store.register("s-value", V1);
    SchemaStore.Version second = store.register("s-value", V2);
    assertThat(first.id()).isEqualTo(1);
    assertThat(first.version()).isEqualTo(1);
    assertThat(second.id()).isEqualTo(2);
    assertThat(second.version()).isEqualTo(2);
    assertThat(store.versions("s-value")).containsExactly(1, 2);
    assertThat(store.version("s-value", "latest").id()).isEqualTo(2);
    assertThat(store.version("s-value", "1").schema()).isEqualTo(first.schema());
  }

  @Test
  void sameSchemaGetsSameIdEvenUnderAnotherSubjectAndWhitespaceDiffers() {
    int id = store.register("a-value", V1).id();
    assertThat(store.register("a-value", V1).id()).isEqualTo(id);
    assertThat(log.records).hasSize(1);
    SchemaStore.Version other = store.register("b-value", "  " + V1.replace(",", ", ") + "\n");
    assertThat(other.id()).isEqualTo(id);
    assertThat(other.version()).isEqualTo(1);
    assertThat(store.subjects()).containsExactly("a-value", "b-value");
  }

  @Test
  void rejectsBackwardBreakingChangeByDefaultAndAcceptsItUnderNone() {
    store.register("s-value", V1);
    assertThat(store.isCompatible("s-value", "latest", BREAKING)).isFalse();
    assertThatThrownBy(() -> store.register("s-value", BREAKING))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(409);
          assertThat(e.httpStatus()).isEqualTo(409);
        });
    assertThat(log.records).hasSize(1);
    store.setLevel("s-value", "none");
    assertThat(store.level("s-value")).isEqualTo(CompatibilityLevel.NONE);
    assertThat(store.globalLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(store.register("s-value", BREAKING).version()).isEqualTo(2);
  }

  @Test
  void compatibilityWithoutVersionsIsTrueForLatestAndNotFoundForANumber() {
    assertThat(store.isCompatible("new-value", "latest", V1)).isTrue();
    assertThatThrownBy(() -> store.isCompatible("new-value", "1", V1))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND));
  }

  @Test
  void notFoundCodesAreConfluents() {
    store.register("s-value", V1);
    assertThat(code(() -> store.versions("nope"))).isEqualTo(40401);
    assertThat(code(() -> store.version("s-value", "7"))).isEqualTo(40402);
    assertThat(code(() -> store.version("s-value", "seven"))).isEqualTo(42202);
    assertThat(code(() -> store.schemaById(99))).isEqualTo(40403);
    assertThat(code(() -> store.lookup("s-value", V2))).isEqualTo(40403);
    assertThat(code(() -> store.lookup("nope", V1))).isEqualTo(40401);
    assertThat(code(() -> store.register("s-value", "{\"type\":\"nonsense\"}"))).isEqualTo(42201);
    assertThat(code(() -> store.setLevel(null, "SIDEWAYS"))).isEqualTo(42203);
  }

  @Test
  void lookupFindsTheVersion() {
    store.register("s-value", V1);
    store.register("s-value", V2);
    SchemaStore.Version found = store.lookup("s-value", V1);
    assertThat(found.version()).isEqualTo(1);
    assertThat(found.id()).isEqualTo(1);
  }

  @Test
  void replayingTheLogRebuildsIdsVersionsAndLevels() {
    store.register("a-value", V1);
    store.register("a-value", V2);
    store.setLevel(null, "FULL");
    store.setLevel("b-value", "NONE");
    store.register("b-value", V1);

    SchemaStore restarted = new SchemaStore(new RecordingLog());
    log.records.forEach(r -> restarted.apply(r.getKey(), r.getValue()));

    assertThat(restarted.subjects()).containsExactly("a-value", "b-value");
    assertThat(restarted.version("a-value", "latest").id()).isEqualTo(2);
    assertThat(restarted.version("b-value", "1").id()).isEqualTo(1);
    assertThat(restarted.globalLevel()).isEqualTo(CompatibilityLevel.FULL);
    assertThat(restarted.subjectLevel("b-value")).contains(CompatibilityLevel.NONE);
    // the next new schema continues after the highest id seen
    assertThat(restarted.register("c-value", BREAKING).id()).isEqualTo(3);
  }

  @Test
  void aFailedWriteChangesNothingAndIsABackendError() {
    log.failing = true;
    assertThat(code(() -> store.register("s-value", V1))).isEqualTo(50001);
    assertThat(store.subjects()).isEmpty();
    assertThat(code(() -> store.setLevel(null, "NONE"))).isEqualTo(50001);
    assertThat(store.globalLevel()).isEqualTo(CompatibilityLevel.BACKWARD);
  }

  @Test
  void recordsOfOtherKindsAreSkipped() {
    store.apply("{\"keytype\":\"NOOP\",\"magic\":0}", null);
    assertThat(store.subjects()).isEmpty();
  }

  private static int code(Runnable call) {
    try {
      call.run();
    } catch (SchemaRegistryException e) {
      return e.errorCode();
    }
    throw new AssertionError("expected a SchemaRegistryException");
  }
}

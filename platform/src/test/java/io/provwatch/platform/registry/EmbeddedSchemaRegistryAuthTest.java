package io.provwatch.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.platform.http.ApiKeys;
import io.provwatch.platform.http.HttpScope;
import io.provwatch.platform.http.HttpSecurity;
import io.provwatch.schemas.registry.CompatibilityLevel;
import io.provwatch.schemas.registry.RestSchemaRegistryClient;
import io.provwatch.schemas.registry.SchemaRegistryException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** With API keys configured, the in-process registry serves reads to anyone and writes to the admin scope only. */
class EmbeddedSchemaRegistryAuthTest {
  private static final String ADMIN_TOKEN = "pw_registry-admin-token-for-tests-0123456";
  private static final String INGEST_TOKEN = "pw_registry-ingest-token-for-tests-012345";

  @Test
  void writesNeedTheAdminScopeWhileReadsLookupsAndChecksStayOpen() {
    ApiKeys keys = ApiKeys.parse(List.of(ApiKeys.entryFor("ops", EnumSet.of(HttpScope.ADMIN), ADMIN_TOKEN),
        ApiKeys.entryFor("feeder", EnumSet.of(HttpScope.INGEST), INGEST_TOKEN)));
    Schema v1 = new Schema.Parser().parse(SchemaStoreTest.V1);
    try (EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.startInMemory("127.0.0.1", 0,
        HttpSecurity.of(keys, Set.of(), null, null))) {
      RestSchemaRegistryClient anonymous = new RestSchemaRegistryClient(registry.url());
      RestSchemaRegistryClient ingest = client(registry, "feeder:" + INGEST_TOKEN);
      RestSchemaRegistryClient admin = client(registry, "ops:" + ADMIN_TOKEN);

      assertThatThrownBy(() -> anonymous.register("t-value", v1)).isInstanceOf(SchemaRegistryException.class).hasMessageContaining("401");
      assertThatThrownBy(() -> ingest.register("t-value", v1)).isInstanceOf(SchemaRegistryException.class).hasMessageContaining("403");
      assertThatThrownBy(() -> anonymous.setCompatibility(null, CompatibilityLevel.NONE)).hasMessageContaining("401");
      int id = admin.register("t-value", v1);

      assertThat(anonymous.getById(id)).isEqualTo(v1);
      assertThat(anonymous.lookup("t-value", v1).id()).isEqualTo(id);
      assertThat(anonymous.testCompatibility("t-value", v1)).isTrue();
      assertThat(anonymous.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
      admin.setCompatibility(null, CompatibilityLevel.FULL);
      assertThat(anonymous.getCompatibility(null)).isEqualTo(CompatibilityLevel.FULL);
    }
  }

  private static RestSchemaRegistryClient client(EmbeddedSchemaRegistry registry, String userInfo) {
    return new RestSchemaRegistryClient(List.of(registry.url()), userInfo, Duration.ofSeconds(10));
  }
}

package io.provwatch.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Post;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Post is registered under BACKWARD: every released version of it is kept in
 * {@code src/test/resources/avro-history}, and the current schema must read their data (and they
 * must read its data, so that consumers on an older release keep working during a rollout).
 */
class PostSchemaEvolutionTest {
  private static final List<String> RELEASED = List.of("Post-v1.avsc");

  private static List<Schema> released() throws IOException {
    List<Schema> schemas = new ArrayList<>();
    for (String name : RELEASED) {
      try (InputStream in = PostSchemaEvolutionTest.class.getResourceAsStream("/avro-history/" + name)) {
        assertThat(in).as(name).isNotNull();
        schemas.add(new Schema.Parser().parse(in));
      }
    }
    return schemas;
  }

  @Test
  void currentPostIsFullyTransitivelyCompatibleWithEveryReleasedVersion() throws IOException {
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.FULL_TRANSITIVE, Post.getClassSchema(), released())).isTrue();
  }

  @Test
  void theHistoryIsNotTheCurrentSchemaSoTheCheckComparesSomething() throws IOException {
    Schema v1 = released().get(0);
    assertThat(v1.getField("textAnomalies")).isNull();
    assertThat(Post.getClassSchema().getField("textAnomalies")).isNotNull();
    // a field added without a default would fail: the check is not vacuous
    Schema current = Post.getClassSchema();
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : current.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    fields.add(new Schema.Field("mandatory", Schema.create(Schema.Type.INT), "no default"));
    Schema broken = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
    assertThat(AvroCompatibility.isCompatible(CompatibilityLevel.BACKWARD, broken, released())).isFalse();
  }
}

package io.provwatch.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.avro.Author;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.schemas.registry.CompatibilityLevel;
import io.provwatch.schemas.registry.RestSchemaRegistryClient;
import io.provwatch.schemas.registry.SchemaMetadata;
import io.provwatch.schemas.registry.SchemaRegistryClient;
import io.provwatch.schemas.registry.SchemaRegistryException;
import io.provwatch.schemas.serde.AvroSerde;
import io.provwatch.schemas.serde.AvroSerdeConfig;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What provwatch needs from a Confluent-compatible registry, run against every registry it may meet:
 * the in-process one, Apicurio's ccompat API, Confluent's own. Each test uses fresh subjects, so one
 * registry serves the whole class. Differences between registries are in docs/schema-registry.md.
 */
public abstract class SchemaRegistryContract {

  /** Base url of the registry under test, e.g. {@code http://127.0.0.1:1234/apis/ccompat/v7}. */
  protected abstract String registryUrl();

  static final Schema V1 = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"contract\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
  /** V1 plus a field with a default: BACKWARD compatible. */
  static final Schema V2 = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"contract\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
          + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}");
  /** V1 plus a field without a default: readers with it cannot read V1 data, so BACKWARD rejects it. */
  static final Schema BREAKING = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"contract\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
          + "{\"name\":\"c\",\"type\":\"int\"}]}");

  /** V1 with field a replaced by b with a default: BACKWARD compatible, not FORWARD. */
  static final Schema WITHOUT_A = new Schema.Parser().parse(
      "{\"type\":\"record\",\"name\":\"Thing\",\"namespace\":\"contract\",\"fields\":["
          + "{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}");

  protected SchemaRegistryClient client;
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void connect() {
    client = new RestSchemaRegistryClient(registryUrl());
    // Apicurio starts with no compatibility rule (NONE); Confluent and ours start at BACKWARD.
    client.setCompatibility(null, CompatibilityLevel.BACKWARD);
  }

  protected String subject(String name) {
    return "contract-" + run + "-" + name + "-value";
  }

  @Test
  void registerThenFetchByIdGivesTheSameSchema() {
    int id = client.register(subject("byid"), V1);
    SchemaRegistryClient fresh = new RestSchemaRegistryClient(registryUrl()); // no cached schemas
    assertThat(fresh.getById(id)).isEqualTo(V1);
  }

  @Test
  void sameSchemaGetsTheSameIdUnderTheSameAndAnotherSubject() {
    int id = client.register(subject("same-a"), V1);
    assertThat(client.register(subject("same-a"), V1)).isEqualTo(id);
    assertThat(client.register(subject("same-b"), V1)).isEqualTo(id);
    assertThat(client.getLatest(subject("same-a")).version()).isEqualTo(1);
  }

  @Test
  void latestFollowsACompatibleEvolution() {
    String subject = subject("latest");
    int first = client.register(subject, V1);
    int second = client.register(subject, V2);
    assertThat(second).isNotEqualTo(first);
    SchemaMetadata latest = client.getLatest(subject);
    assertThat(latest.subject()).isEqualTo(subject);
    assertThat(latest.version()).isEqualTo(2);
    assertThat(latest.id()).isEqualTo(second);
    assertThat(latest.schema()).isEqualTo(V2);
  }

  @Test
  void lookupFindsARegisteredSchemaAnd40403Otherwise() {
    String subject = subject("lookup");
    int id = client.register(subject, V1);
    SchemaMetadata found = client.lookup(subject, V1);
    assertThat(found.id()).isEqualTo(id);
    assertThat(found.version()).isEqualTo(1);
    assertThatThrownBy(() -> client.lookup(subject, V2))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
  }

  @Test
  void unknownSubjectIs40401() {
    assertThatThrownBy(() -> client.getLatest(subject("never-registered")))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SUBJECT_NOT_FOUND);
          assertThat(e.httpStatus()).isEqualTo(404);
          assertThat(e.isNotFound()).isTrue();
        });
  }

  @Test
  void unknownIdIs40403() {
    assertThatThrownBy(() -> client.getById(987_654))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.SCHEMA_NOT_FOUND));
  }

  @Test
  void compatibilityCheckJudgesBackward() {
    String subject = subject("compat");
    client.register(subject, V1);
    assertThat(client.testCompatibility(subject, V2)).isTrue();
    assertThat(client.testCompatibility(subject, BREAKING)).isFalse();
    assertThat(client.testCompatibility(subject("compat-empty"), BREAKING)).isTrue();
  }

  @Test
  void backwardBreakingRegistrationIs409() {
    String subject = subject("breaking");
    client.register(subject, V1);
    assertThatThrownBy(() -> client.register(subject, BREAKING))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA);
          assertThat(e.httpStatus()).isEqualTo(409);
        });
    assertThat(client.getLatest(subject).schema()).isEqualTo(V1);
  }

  /**
   * A subject level stricter than the global one applies to that subject only. (Loosening with a
   * subject level of NONE is not part of the contract: Apicurio treats NONE as "no subject rule" and
   * keeps applying the global one; see docs/schema-registry.md.)
   */
  @Test
  void subjectLevelOverridesTheGlobalOne() {
    String strict = subject("config-full");
    String loose = subject("config-default");
    assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
    client.register(strict, V1);
    client.register(loose, V1);
    client.setCompatibility(strict, CompatibilityLevel.FULL);
    assertThat(client.getCompatibility(strict)).isEqualTo(CompatibilityLevel.FULL);
    assertThat(client.getCompatibility(null)).isEqualTo(CompatibilityLevel.BACKWARD);
    // dropping field a is BACKWARD compatible but not FORWARD (old readers need a): FULL rejects it
    assertThatThrownBy(() -> client.register(strict, WITHOUT_A))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA));
    assertThat(client.register(loose, WITHOUT_A)).isPositive();
    assertThat(client.getLatest(loose).version()).isEqualTo(2);
  }

  @Test
  void specificSerdeRoundTripsThroughTheRegistry() {
    String topic = "contract-" + run + "-posts";
    Map<String, Object> config = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl());
    Post post = post();
    byte[] bytes;
    Post back;
    try (AvroSerde<Post> serde = AvroSerde.specific(Post.class, config, false)) {
      bytes = serde.serializer().serialize(topic, post);
      back = serde.deserializer().deserialize(topic, bytes);
    }
    assertThat(back).isEqualTo(post);
    ByteBuffer header = ByteBuffer.wrap(bytes);
    assertThat(header.get()).isZero();
    assertThat(header.getInt()).isEqualTo(client.lookup(topic + "-value", Post.getClassSchema()).id());

    try (AvroSerde<GenericRecord> generic = AvroSerde.generic()) {
      generic.configure(config, false);
      GenericRecord record = generic.deserializer().deserialize(topic, bytes);
      assertThat(record.get("text")).hasToString(post.getText());
      assertThat(record.getSchema().getFullName()).isEqualTo("io.provwatch.avro.Post");
    }
  }

  static Post post() {
    return Post.newBuilder()
        .setId("mastodon:1")
        .setPlatform("mastodon")
        .setAuthor(Author.newBuilder().setId("42").setHandle("alice@example.social").build())
        .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .setObservedAt(Instant.ofEpochMilli(1_700_000_001_000L))
        .setText("Contract test post")
        .setUrls(List.of("https://example.org/a"))
        .setSource(SourcePosition.newBuilder().setConnector("jsonl-file").setPosition("fixture:1").build())
        .build();
  }
}

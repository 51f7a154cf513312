package io.provwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provwatch.avro.Author;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.schemas.registry.InMemorySchemaRegistryClient;
import io.provwatch.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private static final String TOPIC = "posts";
  private final String scope = "serde-test-" + UUID.randomUUID();
  private final InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope(scope);
  private final CountingRegistryClient counting = new CountingRegistryClient(registry);

  @AfterEach
  void dropScope() {
    InMemorySchemaRegistryClient.dropScope(scope);
  }

  private Map<String, Object> config(Object... extra) {
    Map<String, Object> config = new HashMap<>();
    config.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
    for (int i = 0; i < extra.length; i += 2) {
      config.put((String) extra[i], extra[i + 1]);
    }
    return config;
  }

  @Test
  void specificRoundTripThroughTheMockScope() {
    Post post = post("mastodon:1");
    try (AvroSerde<Post> serde = AvroSerde.specific(Post.class, config(), false)) {
      byte[] bytes = serde.serializer().serialize(TOPIC, post);
      assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(post);
    }
    assertThat(registry.getLatest("posts-value").schema()).isEqualTo(Post.getClassSchema());
  }

  @Test
  void wireFormatIsMagicZeroThenBigEndianIdThenAvroBody() throws Exception {
    int id = 0x01020304;
    SchemaRegistryClientStub stub = new SchemaRegistryClientStub(id, Post.getClassSchema());
    AvroSerializer<Post> serializer = new AvroSerializer<>(stub, config(), false);
    Post post = post("mastodon:2");

    byte[] bytes = serializer.serialize(TOPIC, post);

    assertThat(Arrays.copyOfRange(bytes, 0, 5)).containsExactly(0, 1, 2, 3, 4);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
    new SpecificDatumWriter<Post>(Post.getClassSchema()).write(post, encoder);
    encoder.flush();
    assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(body.toByteArray());
    assertThat(stub.registeredSubject).isEqualTo("posts-value");
  }

  @Test
  void keysUseTheKeySubject() {
    try (AvroSerde<Post> serde = AvroSerde.specific(Post.class, config(), true)) {
      byte[] bytes = serde.serializer().serialize(TOPIC, post("k:1"));
      assertThat(serde.deserializer().deserialize(TOPIC, bytes).getId()).isEqualTo("k:1");
    }
    assertThat(registry.getLatest("posts-key").version()).isEqualTo(1);
    assertThatThrownBy(() -> registry.getLatest("posts-value"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue());
  }

  @Test
  void genericRoundTrip() {
    Schema schema = new Schema.Parser().parse(
        "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"test\",\"fields\":["
            + "{\"name\":\"sensor\",\"type\":\"string\"},{\"name\":\"value\",\"type\":\"double\"}]}");
    GenericRecord record = new GenericData.Record(schema);
    record.put("sensor", "s1");
    record.put("value", 2.5);
    try (AvroSerde<GenericRecord> serde = AvroSerde.generic()) {
      serde.configure(config(), false);
      GenericRecord back = serde.deserializer().deserialize("readings", serde.serializer().serialize("readings", record));
      assertThat(back.get("sensor")).hasToString("s1");
      assertThat(back.get("value")).isEqualTo(2.5);
      assertThat(back.getSchema()).isEqualTo(schema);
    }
  }

  @Test
  void genericDeserializerWithSpecificReaderConfigReturnsTheGeneratedClass() {
    byte[] bytes;
    try (AvroSerde<Post> serde = AvroSerde.specific(Post.class, config(), false)) {
      bytes = serde.serializer().serialize(TOPIC, post("mastodon:3"));
    }
    AvroDeserializer<Object> plain = new AvroDeserializer<>((Class<Object>) null);
    plain.configure(config(), false);
    assertThat(plain.deserialize(TOPIC, bytes)).isInstanceOf(GenericData.Record.class);
    AvroDeserializer<Object> specific = new AvroDeserializer<>((Class<Object>) null);
    specific.configure(config(AvroSerdeConfig.SPECIFIC_AVRO_READER, true), false);
    assertThat(specific.deserialize(TOPIC, bytes)).isEqualTo(post("mastodon:3"));
  }

  @Test
  void schemaIdsAreCachedSoTheRegistryIsCalledOncePerSchema() {
    AvroSerializer<Post> serializer = new AvroSerializer<>(counting, config(), false);
    AvroDeserializer<Post> deserializer = new AvroDeserializer<>(counting, Post.class);
    for (int i = 0; i < 5; i++) {
      byte[] bytes = serializer.serialize(TOPIC, post("mastodon:" + i));
      assertThat(deserializer.deserialize(TOPIC, bytes).getId()).isEqualTo("mastodon:" + i);
    }
    assertThat(counting.registers).hasValue(1);
    assertThat(counting.byIds).hasValue(1);
  }

  @Test
  void useLatestVersionWritesWithTheLatestRegisteredIdAndRegistersNothing() {
    registry.register("other-value", Schema.create(Schema.Type.STRING)); // so the id is not simply 1
    int latestId = registry.register("posts-value", Post.getClassSchema());
    AvroSerializer<Post> serializer = new AvroSerializer<>(counting,
        config(AvroSerdeConfig.USE_LATEST_VERSION, true, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);

    byte[] first = serializer.serialize(TOPIC, post("a"));
    serializer.serialize(TOPIC, post("b"));

    assertThat(WireFormat.readSchemaId(java.nio.ByteBuffer.wrap(first))).isEqualTo(latestId).isEqualTo(2);
    assertThat(counting.registers).hasValue(0);
    assertThat(counting.latests).hasValue(1);
  }

  @Test
  void withoutAutoRegisterTheSchemaMustAlreadyBeThere() {
    AvroSerializer<Post> serializer = new AvroSerializer<>(counting,
        config(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, false), false);
    assertThatThrownBy(() -> serializer.serialize(TOPIC, post("a")))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("posts-value")
        .hasMessageContaining("auto.register.schemas=false")
        .hasMessageContaining("40401");

    int id = registry.register("posts-value", Post.getClassSchema());
    byte[] bytes = serializer.serialize(TOPIC, post("a"));
    assertThat(WireFormat.readSchemaId(java.nio.ByteBuffer.wrap(bytes))).isEqualTo(id);
    assertThat(counting.registers).hasValue(0);
    assertThat(counting.lookups).hasValue(2);
  }

  @Test
  void readerResolvesAnOlderWriterSchema() throws Exception {
    // the Post schema as it was before language and quoteOf existed, written by a generic producer
    Schema older = withoutFields(Post.getClassSchema(), "language", "quoteOf");
    Post current = post("mastodon:9");
    current.setLanguage("en");
    current.setQuoteOf("mastodon:8");
    GenericRecord old = asGeneric(current, older);
    byte[] bytes;
    try (AvroSerde<GenericRecord> producer = AvroSerde.generic()) {
      producer.configure(config(), false);
      bytes = producer.serializer().serialize(TOPIC, old);
    }
    try (AvroSerde<Post> consumer = AvroSerde.specific(Post.class, config(), false)) {
      Post read = consumer.deserializer().deserialize(TOPIC, bytes);
      assertThat(read.getText()).isEqualTo(current.getText());
      assertThat(read.getCreatedAt()).isEqualTo(current.getCreatedAt());
      assertThat(read.getLanguage()).isNull();
      assertThat(read.getQuoteOf()).isNull();
      // and the current schema is a compatible next version of the old one
      assertThat(consumer.serializer().serialize(TOPIC, current)).isNotEmpty();
    }
    assertThat(registry.getLatest("posts-value").version()).isEqualTo(2);
  }

  @Test
  void badBytesGiveSerializationExceptionsThatSayWhatIsWrong() {
    try (AvroSerde<Post> serde = AvroSerde.specific(Post.class, config(), false)) {
      var deserializer = serde.deserializer();
      assertThat(deserializer.deserialize(TOPIC, null)).isNull();
      assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0}))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("topic 'posts'").hasMessageContaining("2 bytes, need at least 5");
      assertThatThrownBy(() -> deserializer.deserialize(TOPIC, "{\"json\":true}".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte is 123, expected 0");
      assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {0, 0, 0, 0, 99, 1}))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("writer schema 99").hasMessageContaining("40403");
      byte[] good = serde.serializer().serialize(TOPIC, post("mastodon:5"));
      byte[] truncated = Arrays.copyOf(good, good.length / 2);
      assertThatThrownBy(() -> deserializer.deserialize(TOPIC, truncated))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("Could not decode the Avro body");
    }
  }

  @Test
  void incompatibleSchemaFailsSerializationNamingTheSubject() {
    registry.register("posts-value", Schema.create(Schema.Type.STRING));
    try (AvroSerde<Post> serde = AvroSerde.specific(Post.class, config(), false)) {
      assertThatThrownBy(() -> serde.serializer().serialize(TOPIC, post("x")))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("io.provwatch.avro.Post")
          .hasMessageContaining("posts-value")
          .hasMessageContaining("409");
    }
  }

  static Post post(String id) {
    return Post.newBuilder()
        .setId(id)
        .setPlatform("mastodon")
        .setAuthor(Author.newBuilder().setId("42").setHandle("alice@example.social")
            .setCreatedAt(Instant.ofEpochMilli(1_600_000_000_000L)).build())
        .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L))
        .setObservedAt(Instant.ofEpochMilli(1_700_000_001_000L))
        .setText("Hello from " + id)
        .setHashtags(List.of("provenance"))
        .setSource(SourcePosition.newBuilder().setConnector("jsonl-file").setPosition("fixture:1").build())
        .build();
  }

  private static Schema withoutFields(Schema schema, String... names) throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = (ObjectNode) json.readTree(schema.toString());
    ArrayNode kept = json.createArrayNode();
    List<String> drop = List.of(names);
    root.withArray("fields").forEach(f -> {
      if (!drop.contains(f.get("name").asText())) {
        kept.add(f);
      }
    });
    root.set("fields", kept);
    return new Schema.Parser().parse(root.toString());
  }

  /** The post as a generic record of another (compatible) schema, the way a generic producer holds it. */
  private static GenericRecord asGeneric(Post post, Schema schema) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new SpecificDatumWriter<Post>(Post.getClassSchema()).write(post, encoder);
    encoder.flush();
    return new GenericDatumReader<GenericRecord>(Post.getClassSchema(), schema)
        .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
  }
}

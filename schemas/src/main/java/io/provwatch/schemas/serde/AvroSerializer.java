package io.provwatch.schemas.serde;

import io.provwatch.schemas.registry.SchemaMetadata;
import io.provwatch.schemas.registry.SchemaRegistryClient;
import io.provwatch.schemas.registry.SchemaRegistryClients;
import io.provwatch.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes specific or generic Avro records in the Confluent wire format, with TopicNameStrategy
 * subjects ({@code <topic>-value}, {@code <topic>-key}) and a cache of schema ids.
 */
public class AvroSerializer<T extends GenericContainer> implements Serializer<T> {
  static {
    AvroClassTrust.trustProvwatchClasses();
  }

  private SchemaRegistryClient registry;
  private boolean isKey;
  private boolean autoRegister;
  private boolean useLatestVersion;
  private final Map<SubjectSchema, Integer> idCache = new ConcurrentHashMap<>();
  private final Map<String, SchemaMetadata> latestCache = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
  private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();

  public AvroSerializer() {}

  /** A serializer bound to a client, for callers that already hold one. */
  public AvroSerializer(SchemaRegistryClient registry, Map<String, ?> configs, boolean isKey) {
    this.registry = registry;
    applyConfig(new AvroSerdeConfig(configs), isKey);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    if (registry == null) {
      registry = SchemaRegistryClients.create(config);
    }
    applyConfig(config, isKey);
  }

  private void applyConfig(AvroSerdeConfig config, boolean isKey) {
    this.isKey = isKey;
    this.autoRegister = config.getBoolean(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
    this.useLatestVersion = config.getBoolean(AvroSerdeConfig.USE_LATEST_VERSION);
  }

  @Override
  public byte[] serialize(String topic, T record) {
    if (record == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("AvroSerializer used before configure()");
    }
    String subject = SubjectNames.topicName(topic, isKey);
    Schema schema = record.getSchema();
    Schema writerSchema;
    int id;
    try {
      if (useLatestVersion) {
        // The subject's latest version is the writer schema, under its registered id; nothing is registered.
        SchemaMetadata latest = latestCache.computeIfAbsent(subject, registry::getLatest);
        writerSchema = latest.schema();
        id = latest.id();
      } else {
        writerSchema = schema;
        id = idCache.computeIfAbsent(new SubjectSchema(subject, schema), this::schemaId);
      }
    } catch (SchemaRegistryException e) {
      String what = useLatestVersion ? "find the latest schema"
          : autoRegister ? "register the schema" : "find the schema (auto.register.schemas=false)";
      throw new SerializationException("Could not " + what + " of " + schema.getFullName()
          + " under subject '" + subject + "': " + e.getMessage(), e);
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      out.write(WireFormat.MAGIC_BYTE);
      out.write(new byte[] {(byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id});
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      writerFor(record, writerSchema).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Could not serialize a " + schema.getFullName() + " for topic '" + topic
          + "' with schema id " + id + ": " + e.getMessage(), e);
    }
  }

  private int schemaId(SubjectSchema key) {
    return autoRegister
        ? registry.register(key.subject(), key.schema())
        : registry.lookup(key.subject(), key.schema()).id();
  }

  /**
   * Generated classes need the specific writer (their logical-type conversions); generic records the
   * generic one, even when their schema names a generated class, since their timestamps are longs.
   */
  private DatumWriter<Object> writerFor(T record, Schema writerSchema) {
    return record instanceof SpecificRecord
        ? specificWriters.computeIfAbsent(writerSchema, SpecificDatumWriter::new)
        : genericWriters.computeIfAbsent(writerSchema, GenericDatumWriter::new);
  }

  @Override
  public void close() {
    // The client may be shared (mock scopes, callers' clients); its owner closes it.
  }

  private record SubjectSchema(String subject, Schema schema) {}
}

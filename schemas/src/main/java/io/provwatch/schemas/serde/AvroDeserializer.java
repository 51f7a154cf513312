package io.provwatch.schemas.serde;

import io.provwatch.schemas.registry.SchemaRegistryClient;
import io.provwatch.schemas.registry.SchemaRegistryClients;
import io.provwatch.schemas.registry.SchemaRegistryException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads Confluent wire-format Avro. With a target class (or {@code specific.avro.reader=true}) it
 * resolves the writer's schema against the generated class's schema, so older and newer writers
 * both read; without one it returns {@code GenericRecord}s in the writer's schema.
 */
public class AvroDeserializer<T> implements Deserializer<T> {
  static {
    AvroClassTrust.trustProvwatchClasses();
  }

  private SchemaRegistryClient registry;
  private Schema readerSchema;
  private boolean specific;
  private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

  public AvroDeserializer() {}

  /** Reads into the generated class {@code type}, or generic records when {@code type} is null. */
  public AvroDeserializer(SchemaRegistryClient registry, Class<T> type) {
    this.registry = registry;
    setType(type);
  }

  public AvroDeserializer(Class<T> type) {
    setType(type);
  }

  private void setType(Class<T> type) {
    this.readerSchema = type == null ? null : SpecificData.get().getSchema(type);
    this.specific = type != null;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    if (registry == null) {
      registry = SchemaRegistryClients.create(config);
    }
    if (readerSchema == null) {
      specific = config.getBoolean(AvroSerdeConfig.SPECIFIC_AVRO_READER) && specific;
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new IllegalStateException("AvroDeserializer used before configure()");
    }
    ByteBuffer buffer = ByteBuffer.wrap(data);
    int id = WireFormat.readSchemaId(buffer);
    try {
      DatumReader<Object> reader = readers.computeIfAbsent(id, this::readerFor);
      BinaryDecoder decoder = DecoderFactory.get()
          .binaryDecoder(data, buffer.position(), buffer.remaining(), null);
      return (T) reader.read(null, decoder);
    } catch (SchemaRegistryException e) {
      throw new SerializationException("Could not fetch writer schema " + id + " for topic '" + topic + "': " + e.getMessage(), e);
    } catch (Exception e) {
      throw new SerializationException("Could not deserialize Avro data with schema id " + id + " from topic '" + topic + "': " + e.getMessage(), e);
    }
  }

  private DatumReader<Object> readerFor(int id) {
    Schema writer = registry.getById(id);
    return specific
        ? new SpecificDatumReader<>(writer, readerSchema)
        : new GenericDatumReader<>(writer);
  }
}

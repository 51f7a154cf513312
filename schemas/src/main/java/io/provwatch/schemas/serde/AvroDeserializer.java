package io.provwatch.schemas.serde;

import io.provwatch.schemas.registry.SchemaRegistryClient;
import io.provwatch.schemas.registry.SchemaRegistryClients;
import io.provwatch.schemas.registry.SchemaRegistryException;
import java.io.IOException;
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
 * Reads Confluent wire-format Avro. With a target class it resolves the writer's schema against the
 * generated class's schema, so older and newer writers both read. Without one it returns
 * {@code GenericRecord}s in the writer's schema, or, with {@code specific.avro.reader=true}, the
 * generated class that the writer's schema names (as Confluent's deserializer does).
 */
public class AvroDeserializer<T> implements Deserializer<T> {
  static {
    AvroClassTrust.trustProvwatchClasses();
    AvroLimits.install();
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
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig config = new AvroSerdeConfig(configs);
    if (registry == null) {
      registry = SchemaRegistryClients.create(config);
    }
    if (readerSchema == null) {
      specific = config.getBoolean(AvroSerdeConfig.SPECIFIC_AVRO_READER);
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
    int id;
    try {
      id = WireFormat.readSchemaId(buffer);
    } catch (SerializationException e) {
      throw new SerializationException("Record from topic '" + topic + "': " + e.getMessage(), e);
    }
    DatumReader<Object> reader;
    try {
      reader = readers.computeIfAbsent(id, this::readerFor);
    } catch (SchemaRegistryException e) {
      throw new SerializationException("Could not fetch writer schema " + id + " for a record from topic '" + topic + "': " + e.getMessage(), e);
    }
    try {
      BinaryDecoder decoder = DecoderFactory.get()
          .binaryDecoder(data, buffer.position(), buffer.remaining(), null);
      return (T) reader.read(null, decoder);
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Could not decode the Avro body (schema id " + id + ") of a record from topic '"
          + topic + "': " + e, e);
    }
  }

  private DatumReader<Object> readerFor(int id) {
    Schema writer = registry.getById(id);
    if (readerSchema != null) {
      return new SpecificDatumReader<>(writer, readerSchema);
    }
    if (specific) {
      // No target class given: read into the generated class named by the writer's schema, if there is one.
      Class<?> generated = SpecificData.get().getClass(writer);
      if (generated != null) {
        return new SpecificDatumReader<>(writer, SpecificData.get().getSchema(generated));
      }
    }
    return new GenericDatumReader<>(writer);
  }
}

package io.provwatch.schemas.serde;

import java.util.Map;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** A Kafka {@link Serde} for Avro in the Confluent wire format. */
public final class AvroSerde<T extends GenericContainer> extends Serdes.WrapperSerde<T> {

  private AvroSerde(AvroSerializer<T> serializer, AvroDeserializer<T> deserializer) {
    super(serializer, deserializer);
  }

  /** A serde for a generated class; call {@link #configure} before use (Kafka Streams does). */
  public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type) {
    return new AvroSerde<>(new AvroSerializer<>(), new AvroDeserializer<>(type));
  }

  /** A configured serde for a generated class, e.g. for a producer or a TopologyTestDriver. */
  public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type, Map<String, ?> configs, boolean isKey) {
    AvroSerde<T> serde = specific(type);
    serde.configure(configs, isKey);
    return serde;
  }

  /** A serde for {@code GenericRecord}s in the writer's schema. */
  public static AvroSerde<org.apache.avro.generic.GenericRecord> generic() {
    return new AvroSerde<>(new AvroSerializer<>(), new AvroDeserializer<>((Class<org.apache.avro.generic.GenericRecord>) null));
  }
}

package io.provwatch.schemas.serde;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.Post;
import io.provwatch.schemas.registry.InMemorySchemaRegistryClient;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * {@link AvroDeserializer} on hostile record bytes, as a consumer of a topic anyone can write gets
 * them: the Confluent frame (magic byte, schema id) and the Avro body, read into the generated
 * {@code Post} class or as generic records, against a writer schema that matches the reader or
 * not. Property: a record is returned or a {@link SerializationException} says why not; any other
 * exception, an {@link OutOfMemoryError} or a {@link StackOverflowError} is a finding. Declared
 * string, byte and collection lengths are bounded by {@link AvroLimits}.
 */
class AvroDeserializerFuzzTest {
  private static final InMemorySchemaRegistryClient REGISTRY = InMemorySchemaRegistryClient.forScope("avro-fuzz");
  private static final int POST_ID = REGISTRY.register("posts-value", Post.getClassSchema());
  private static final int ASSESSMENT_ID = REGISTRY.register("assessments-value", Assessment.getClassSchema());
  private static final AvroDeserializer<Post> POSTS = new AvroDeserializer<>(REGISTRY, Post.class);
  private static final AvroDeserializer<Object> GENERIC = new AvroDeserializer<>(REGISTRY, null);

  @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
  void deserialize(FuzzedDataProvider data) {
    int mode = data.consumeInt(0, 4);
    byte[] body = data.consumeRemainingAsBytes();
    byte[] record = switch (mode) {
      case 0, 1 -> framed(POST_ID, body);
      case 2 -> framed(ASSESSMENT_ID, body); // another writer schema than the reader's
      case 3 -> framed(ASSESSMENT_ID + 1000, body); // an id the registry does not know
      default -> body; // the frame itself is hostile
    };
    try {
      (mode == 1 ? GENERIC : POSTS).deserialize("posts", record);
    } catch (SerializationException typed) {
      // the promised failure: a record that cannot be read, with the reason
    }
  }

  private static byte[] framed(int schemaId, byte[] body) {
    return ByteBuffer.allocate(5 + body.length).put(WireFormat.MAGIC_BYTE).putInt(schemaId).put(body).array();
  }
}

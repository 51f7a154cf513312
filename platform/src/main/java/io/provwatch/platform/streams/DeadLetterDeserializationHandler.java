package io.provwatch.platform.streams;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** A record that cannot be read becomes a dead letter (code {@code DESERIALIZATION}); the stream goes on. */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {
  private DeadLetterRecords deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = new DeadLetterRecords(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    return Response.resume(deadLetters.deadLetter(context, record.key(), record.value(), "DESERIALIZATION", exception));
  }
}

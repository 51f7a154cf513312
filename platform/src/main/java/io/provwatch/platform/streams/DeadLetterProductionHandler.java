package io.provwatch.platform.streams;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * Output that cannot be serialized, or is too large for the broker, becomes a dead letter of its
 * source record. Any other send error fails the task: it is the broker's problem, retried by Kafka
 * Streams after a restart, and dropping the output would lose it silently.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {
  private DeadLetterRecords deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = new DeadLetterRecords(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
    if (exception instanceof RecordTooLargeException) {
      return Response.resume(deadLetters.deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), "OUTPUT_TOO_LARGE", exception));
    }
    return Response.fail();
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
      SerializationExceptionOrigin origin) {
    return Response.resume(deadLetters.deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), "SERIALIZATION", exception));
  }
}

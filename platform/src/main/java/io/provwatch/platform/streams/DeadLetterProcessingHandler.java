package io.provwatch.platform.streams;

import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A record whose processing throws becomes a dead letter (code {@code PROCESSING}) carrying the raw
 * bytes of the source record that led to it; the stream thread lives on.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {
  private DeadLetterRecords deadLetters;

  @Override
  public void configure(Map<String, ?> configs) {
    deadLetters = new DeadLetterRecords(configs);
  }

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    return Response.resume(deadLetters.deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), "PROCESSING", exception));
  }
}

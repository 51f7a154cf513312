package io.provwatch.schemas.registry;

import java.io.Closeable;
import org.apache.avro.Schema;

/**
 * The subset of the Confluent Schema Registry REST API that provwatch uses. Implementations:
 * {@link RestSchemaRegistryClient} for any Confluent-compatible registry over HTTP, and
 * {@link InMemorySchemaRegistryClient} for {@code mock://} urls in unit tests.
 *
 * <p>Every failure is a {@link SchemaRegistryException} carrying the Confluent error code.
 */
public interface SchemaRegistryClient extends Closeable {

  /** Registers a schema under a subject (or finds it, if already there) and returns its global id. */
  int register(String subject, Schema schema);

  /** The schema with this global id. */
  Schema getById(int id);

  /** The latest version registered under a subject. */
  SchemaMetadata getLatest(String subject);

  /** The id and version of this exact schema under a subject; 40403 if it is not registered there. */
  SchemaMetadata lookup(String subject, Schema schema);

  /** Whether the schema could be registered under the subject with its compatibility level. */
  boolean testCompatibility(String subject, Schema schema);

  /** Compatibility level of a subject, or the global one when {@code subject} is null. */
  CompatibilityLevel getCompatibility(String subject);

  /** Sets the compatibility level of a subject, or the global one when {@code subject} is null. */
  void setCompatibility(String subject, CompatibilityLevel level);

  @Override
  default void close() {}
}

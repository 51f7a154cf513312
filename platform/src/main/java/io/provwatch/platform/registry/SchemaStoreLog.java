package io.provwatch.platform.registry;

/**
 * Where the {@link SchemaStore} makes its changes durable before applying them. {@link #append}
 * returns only once the record is stored (for Kafka: acknowledged by all in-sync replicas), so a
 * reply sent after it never announces an id that a restart could lose.
 */
public interface SchemaStoreLog extends AutoCloseable {

  /** Stores one record durably; throws if it could not. Key and value are JSON text. */
  void append(String key, String value);

  @Override
  default void close() {}

  /** A log that keeps nothing: state lives only as long as the process (unit tests, throwaway runs). */
  SchemaStoreLog NONE = (key, value) -> {};
}

package io.provwatch.platform.registry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract against the in-process registry's HTTP layer with an in-memory store (no broker). */
class InProcessRegistryContractTest extends SchemaRegistryContract {
  private static EmbeddedSchemaRegistry registry;

  @BeforeAll
  static void start() {
    registry = EmbeddedSchemaRegistry.startInMemory("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    registry.close();
  }

  @Override
  protected String registryUrl() {
    return registry.url();
  }
}

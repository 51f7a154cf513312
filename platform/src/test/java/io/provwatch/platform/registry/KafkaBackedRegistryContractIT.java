package io.provwatch.platform.registry;

import io.provwatch.platform.testing.SharedKafkaCluster;

/** The contract against the registry as the embedded default runs it: stored in the _schemas topic of a real broker. */
class KafkaBackedRegistryContractIT extends SchemaRegistryContract {
  @Override
  protected String registryUrl() {
    return SharedKafkaCluster.get().schemaRegistryUrl();
  }
}

package io.provwatch.platform.registry;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The registry contract against Confluent's own Schema Registry on an Apache Kafka broker, in
 * containers. Skipped where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class ConfluentRegistryContainerContractIT extends SchemaRegistryContract {
  private static final Network NETWORK = Network.newNetwork();

  @Container
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:3.9.1")
      .withNetwork(NETWORK)
      .withListener("kafka:19092");

  @Container
  static final GenericContainer<?> REGISTRY = new GenericContainer<>("confluentinc/cp-schema-registry:7.9.0")
      .withNetwork(NETWORK)
      .dependsOn(KAFKA)
      .withExposedPorts(8081)
      .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
      .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
      .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
      .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));

  @Override
  protected String registryUrl() {
    return "http://" + REGISTRY.getHost() + ":" + REGISTRY.getMappedPort(8081);
  }
}

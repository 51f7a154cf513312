package io.provwatch.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.schemas.registry.CompatibilityLevel;
import io.provwatch.schemas.registry.SchemaRegistryException;

import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry contract against Apicurio Registry's Confluent-compatible API (ccompat v7), in a child
 * JVM. Needs only the Apicurio tarball from Maven Central, which the build unpacks.
 */
class ApicurioRegistryContractIT extends SchemaRegistryContract {
  private static ApicurioRegistryProcess apicurio;
  private static long suiteStart;

  @BeforeAll
  static void start() throws Exception {
    apicurio = ApicurioRegistryProcess.start();
    suiteStart = System.nanoTime();
  }

  @AfterAll
  static void stop() throws Exception {
    System.out.printf("Apicurio contract suite took %d ms after a start of %d ms%n",
        (System.nanoTime() - suiteStart) / 1_000_000, apicurio.startTime().toMillis());
    apicurio.close();
  }

  @Override
  protected String registryUrl() {
    return apicurio.ccompatUrl();
  }

  /**
   * Apicurio keeps schema text as sent: the same schema with other whitespace is another id and
   * another version. The client always sends Avro's normalised text, so provwatch never sees it.
   */
  @Test
  void apicurioDoesNotNormaliseSchemaTextButTheClientDoes() throws Exception {
    String subject = subject("whitespace");
    int id = client.register(subject, V1);
    Schema samePrettyPrinted = new Schema.Parser().parse(new ObjectMapper().readTree(V1.toString()).toPrettyString());
    assertThat(client.register(subject, samePrettyPrinted)).isEqualTo(id);
    assertThat(client.getLatest(subject).version()).isEqualTo(1);
  }

  /**
   * A difference kept visible: in Apicurio a subject level of NONE removes the subject's rule, so the
   * global BACKWARD still applies and the breaking change is refused (Confluent and the in-process
   * registry accept it). provwatch never loosens a subject, so it does not depend on either.
   */
  @Test
  void apicurioSubjectNoneDoesNotLoosenTheGlobalRule() {
    String subject = subject("none");
    client.register(subject, V1);
    client.setCompatibility(subject, CompatibilityLevel.NONE);
    assertThatThrownBy(() -> client.register(subject, BREAKING))
        .isInstanceOfSatisfying(SchemaRegistryException.class,
            e -> assertThat(e.errorCode()).isEqualTo(SchemaRegistryException.INCOMPATIBLE_SCHEMA));
  }
}

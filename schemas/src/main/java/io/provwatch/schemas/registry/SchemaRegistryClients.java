package io.provwatch.schemas.registry;

import io.provwatch.schemas.serde.AvroSerdeConfig;
import java.time.Duration;
import java.util.List;

/** Builds the right client for a serde configuration. */
public final class SchemaRegistryClients {
  public static final String MOCK_SCHEME = "mock://";

  private SchemaRegistryClients() {}

  public static SchemaRegistryClient create(AvroSerdeConfig config) {
    List<String> urls = config.getList(AvroSerdeConfig.SCHEMA_REGISTRY_URL);
    if (urls.isEmpty()) {
      throw new IllegalArgumentException(AvroSerdeConfig.SCHEMA_REGISTRY_URL + " is empty");
    }
    String first = urls.get(0);
    if (first.startsWith(MOCK_SCHEME)) {
      return InMemorySchemaRegistryClient.forScope(first.substring(MOCK_SCHEME.length()));
    }
    String userInfo = "USER_INFO".equals(config.getString(AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE))
        ? config.basicAuthUserInfo()
        : null;
    return new RestSchemaRegistryClient(
        urls, userInfo, Duration.ofMillis(config.getInt(AvroSerdeConfig.REQUEST_TIMEOUT_MS)));
  }
}

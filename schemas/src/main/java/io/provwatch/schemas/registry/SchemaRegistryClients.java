package io.provwatch.schemas.registry;

import io.provwatch.schemas.serde.AvroSerdeConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the right client for a serde configuration. Serdes with the same registry settings share
 * one REST client, so a Streams application with many serdes keeps one HTTP client and one schema
 * cache per registry rather than one per serde.
 */
public final class SchemaRegistryClients {
  public static final String MOCK_SCHEME = "mock://";

  private static final Map<ClientKey, RestSchemaRegistryClient> SHARED = new ConcurrentHashMap<>();

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
    Duration timeout = Duration.ofMillis(config.getInt(AvroSerdeConfig.REQUEST_TIMEOUT_MS));
    return SHARED.computeIfAbsent(new ClientKey(List.copyOf(urls), userInfo, timeout),
        key -> new RestSchemaRegistryClient(key.urls(), key.userInfo(), key.timeout()));
  }

  /** Holds the credentials only to tell settings apart; never printed. */
  private record ClientKey(List<String> urls, String userInfo, Duration timeout) {
    @Override
    public String toString() {
      return "ClientKey[" + urls.size() + " urls]";
    }
  }
}

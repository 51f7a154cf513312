package io.provwatch.app;

import io.provwatch.platform.config.ConfigLoader;
import io.provwatch.platform.config.ProvwatchConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The configuration options every command shares: a file, {@code --set key=value}, and shortcuts. */
public final class ConfigOptions {
  @Option(names = {"-c", "--config"}, paramLabel = "FILE", description = "Properties file with provwatch settings.")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A setting, overriding file and environment (repeatable). Kafka client settings take the prefix 'kafka.'.")
  List<String> settings = new ArrayList<>();

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (data.dir), default ./provwatch-data.")
  Path dataDir;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka bootstrap servers (bootstrap.servers).")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", paramLabel = "URL", description = "Schema registry url (schema.registry.url).")
  String schemaRegistryUrl;

  @Option(names = "--insecure", description = "Serve HTTP beyond loopback without API keys or TLS (http.insecure=true).")
  boolean insecure;

  /** The loader with every source: file, then PROVWATCH_* environment, then flags and shortcuts. */
  public ConfigLoader loader(Map<String, String> environment) {
    return new ConfigLoader()
        .file(configFile)
        .environment(environment)
        .flags(settings)
        .set(ProvwatchConfig.DATA_DIR, dataDir, "--data-dir")
        .set(ProvwatchConfig.BOOTSTRAP_SERVERS, bootstrapServers, "--bootstrap-servers")
        .set(ProvwatchConfig.SCHEMA_REGISTRY_URL, schemaRegistryUrl, "--schema-registry-url")
        .set(ProvwatchConfig.HTTP_INSECURE, insecure ? "true" : null, "--insecure");
  }

  public ProvwatchConfig load() {
    return loader(System.getenv()).load();
  }
}

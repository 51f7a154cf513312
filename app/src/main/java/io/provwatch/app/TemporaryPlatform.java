package io.provwatch.app;

import io.provwatch.platform.EmbeddedPlatform;
import io.provwatch.platform.config.ConfigLoader;
import io.provwatch.platform.config.ProvwatchConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A fresh embedded broker and registry on free ports in a temporary data directory, removed on close:
 * for commands that measure ({@code bench}, {@code eval alerts}) without disturbing a running demo.
 */
final class TemporaryPlatform implements AutoCloseable {
  private final String command;
  private final Path dataDir;
  private final EmbeddedPlatform platform;

  private TemporaryPlatform(String command, Path dataDir, EmbeddedPlatform platform) {
    this.command = command;
    this.dataDir = dataDir;
    this.platform = platform;
  }

  /** {@code loader} with free ports for the broker, its controller and the registry (a later --set cannot undo them). */
  static ConfigLoader onFreePorts(ConfigLoader loader, String command) {
    return loader
        .set(ProvwatchConfig.KAFKA_PORT, 0, command + " (free port)")
        .set(ProvwatchConfig.KAFKA_CONTROLLER_PORT, 0, command + " (free port)")
        .set(ProvwatchConfig.REGISTRY_PORT, 0, command + " (free port)");
  }

  /** Starts the platform of {@code config} in a new temporary directory named after {@code command}. */
  static TemporaryPlatform start(ProvwatchConfig config, String command) throws IOException {
    Path dataDir = Files.createTempDirectory("provwatch-" + command.replace(' ', '-') + "-");
    try {
      return new TemporaryPlatform(command, dataDir, EmbeddedPlatform.start(config.with(Map.of(ProvwatchConfig.DATA_DIR, dataDir.toString())), false));
    } catch (RuntimeException e) {
      remove(command, dataDir);
      throw e;
    }
  }

  Path dataDir() {
    return dataDir;
  }

  /** The effective configuration: the requested one with the ports the platform actually listens on. */
  ProvwatchConfig config() {
    return platform.config();
  }

  @Override
  public void close() {
    try {
      platform.close();
    } finally {
      remove(command, dataDir);
    }
  }

  private static void remove(String command, Path dataDir) {
    try {
      if (Files.exists(dataDir.resolve(EmbeddedPlatform.MARKER))) {
        EmbeddedPlatform.wipeDataDirectory(dataDir);
      } else {
        Files.deleteIfExists(dataDir);
      }
    } catch (IOException e) {
      System.err.println(command + ": could not remove " + dataDir + ": " + e.getMessage());
    } catch (RuntimeException e) {
      System.err.println(command + ": could not remove " + dataDir + ": " + CliErrors.message(e));
    }
  }
}

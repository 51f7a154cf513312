package io.provwatch.platform;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.http.HttpSecurity;
import io.provwatch.platform.kafka.EmbeddedKafkaBroker;
import io.provwatch.platform.registry.EmbeddedSchemaRegistry;
import io.provwatch.platform.topics.TopicCatalog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a KRaft broker and a Kafka-backed schema registry in this process, every
 * catalog topic created, all data under one data directory. Restarting on the same directory keeps
 * topics, offsets and schema ids.
 */
public final class EmbeddedPlatform implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPlatform.class);
  /** Marks a directory as provwatch's own, so that {@code --fresh} never wipes anything else. */
  public static final String MARKER = ".provwatch-data";

  private final FileChannel lockChannel;
  private final FileLock lock;
  private final EmbeddedKafkaBroker broker;
  private final EmbeddedSchemaRegistry registry;
  private final ProvwatchConfig config;
  private final List<String> createdTopics;

  private EmbeddedPlatform(FileChannel lockChannel, FileLock lock, EmbeddedKafkaBroker broker,
      EmbeddedSchemaRegistry registry, ProvwatchConfig config, List<String> createdTopics) {
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.broker = broker;
    this.registry = registry;
    this.config = config;
    this.createdTopics = createdTopics;
  }

  /**
   * Starts broker, registry and topics as {@code config} says.
   *
   * @param fresh wipe the data directory first
   */
  public static EmbeddedPlatform start(ProvwatchConfig config, boolean fresh) {
    Path dataDir = config.dataDir();
    if (fresh) {
      wipe(dataDir);
    }
    prepare(dataDir);
    FileChannel channel = null;
    FileLock lock = null;
    EmbeddedKafkaBroker broker = null;
    EmbeddedSchemaRegistry registry = null;
    try {
      channel = FileChannel.open(dataDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = tryLock(channel, dataDir);
      String bind = config.getString(ProvwatchConfig.BIND_ADDRESS);
      HttpSecurity security = HttpSecurity.fromConfig(config); // refuses an open registry beyond loopback before anything starts
      broker = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), bind,
          config.getInt(ProvwatchConfig.KAFKA_PORT), config.getInt(ProvwatchConfig.KAFKA_CONTROLLER_PORT), Map.of());
      ProvwatchConfig withBroker = config.with(Map.of(ProvwatchConfig.BOOTSTRAP_SERVERS, broker.bootstrapServers()));
      List<String> created;
      try (Admin admin = Admin.create(withBroker.kafkaClientProperties())) {
        created = TopicCatalog.ensureTopics(admin, withBroker);
      }
      registry = EmbeddedSchemaRegistry.start(withBroker.kafkaClientProperties(), bind, config.getInt(ProvwatchConfig.REGISTRY_PORT), security);
      ProvwatchConfig actual = withBroker.with(Map.of(ProvwatchConfig.SCHEMA_REGISTRY_URL, registry.url()));
      LOG.info("Embedded platform up: Kafka {}, schema registry {}, data {}", broker.bootstrapServers(), registry.url(), dataDir);
      return new EmbeddedPlatform(channel, lock, broker, registry, actual, created);
    } catch (RuntimeException e) {
      closeQuietly(registry);
      closeQuietly(broker);
      releaseQuietly(lock, channel);
      throw e instanceof PlatformStartupException ? e : new PlatformStartupException("Embedded platform failed to start: " + e.getMessage(), e);
    } catch (IOException e) {
      closeQuietly(broker);
      releaseQuietly(lock, channel);
      throw new PlatformStartupException("Cannot lock data directory " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** The config with the actual bootstrap servers and registry url of this platform. */
  public ProvwatchConfig config() {
    return config;
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  public String schemaRegistryUrl() {
    return registry.url();
  }

  /** Topics this start created; empty on a restart. */
  public List<String> createdTopics() {
    return createdTopics;
  }

  @Override
  public void close() {
    closeQuietly(registry);
    closeQuietly(broker);
    releaseQuietly(lock, lockChannel);
  }

  private static FileLock tryLock(FileChannel channel, Path dataDir) throws IOException {
    try {
      FileLock lock = channel.tryLock();
      if (lock != null) {
        return lock;
      }
    } catch (OverlappingFileLockException e) {
      // held by this JVM: same message as for another process
    }
    throw new PlatformStartupException("Data directory " + dataDir
        + " is in use by another provwatch process. Stop it, or choose another --data-dir.");
  }

  private static void prepare(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
      Path marker = dataDir.resolve(MARKER);
      if (!Files.exists(marker)) {
        if (!holdsNothing(dataDir)) {
          throw new PlatformStartupException("Data directory " + dataDir
              + " is not empty and was not made by provwatch; choose an empty or new directory with --data-dir.");
        }
        Files.writeString(marker, "provwatch data directory: embedded Kafka logs, Streams state, connector cursors\n");
      }
    } catch (IOException e) {
      throw new PlatformStartupException("Cannot create data directory " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** True if the directory has no entry other than a stale lock file. */
  private static boolean holdsNothing(Path dataDir) {
    try (Stream<Path> entries = Files.list(dataDir)) {
      return entries.allMatch(p -> p.getFileName().toString().equals(".lock"));
    } catch (IOException e) {
      throw new PlatformStartupException("Cannot read data directory " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** Deletes a data directory that provwatch made (e.g. a benchmark's temporary one); refuses any other. */
  public static void wipeDataDirectory(Path dataDir) {
    wipe(dataDir);
  }

  private static void wipe(Path dataDir) {
    if (!Files.exists(dataDir)) {
      return;
    }
    // an empty directory (e.g. from mktemp -d) has nothing to lose, so it needs no marker
    if (!Files.exists(dataDir.resolve(MARKER)) && !holdsNothing(dataDir)) {
      throw new PlatformStartupException("Refusing to wipe " + dataDir + ": it was not made by provwatch (no " + MARKER + " file).");
    }
    try {
      Files.walkFileTree(dataDir, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
      LOG.info("Wiped data directory {}", dataDir);
    } catch (IOException e) {
      throw new PlatformStartupException("Cannot wipe data directory " + dataDir + ": " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("Error while stopping {}: {}", closeable.getClass().getSimpleName(), e.getMessage());
    }
  }

  private static void releaseQuietly(FileLock lock, FileChannel channel) {
    try {
      if (lock != null) {
        lock.release();
      }
      if (channel != null) {
        channel.close();
      }
    } catch (IOException e) {
      LOG.warn("Cannot release data directory lock: {}", e.getMessage());
    }
  }
}

package io.provwatch.ingest.live;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One connector's {@link ConnectorState} in a JSON file under {@code <data.dir>/connectors/}.
 * Written to a temporary file, forced to disk, then moved over the old one atomically (and the
 * directory forced), so a crash leaves the old state or the new one, never half of either.
 */
public final class ConnectorCursorStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int VERSION = 1;

  private final Path file;

  public ConnectorCursorStore(Path file) {
    this.file = file;
  }

  /** The store of source {@code name} in the data directory. */
  public static ConnectorCursorStore inDataDir(Path dataDir, String name) {
    return new ConnectorCursorStore(dataDir.resolve("connectors").resolve(name + ".json"));
  }

  public Path file() {
    return file;
  }

  /**
   * The saved state, or {@link ConnectorState#EMPTY} when there is none yet.
   *
   * @throws IllegalStateException naming the file when it cannot be read: a connector must not
   *     silently start over and publish again what it already did
   */
  public ConnectorState load() {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return ConnectorState.EMPTY;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read connector cursor " + file + ": " + e.getMessage(), e);
    }
    try {
      JsonNode root = JSON.readTree(bytes);
      if (root == null || !root.isObject() || root.path("version").asInt() != VERSION) {
        throw new IllegalStateException("Connector cursor " + file + " is not a version " + VERSION + " cursor file; move it away to start the source afresh");
      }
      Map<String, String> cursor = new LinkedHashMap<>();
      root.path("cursor").properties().forEach(e -> cursor.put(e.getKey(), e.getValue().asText()));
      List<String> keys = new ArrayList<>();
      root.path("recentKeys").forEach(k -> keys.add(k.asText()));
      return new ConnectorState(cursor, keys);
    } catch (IOException e) {
      throw new IllegalStateException("Connector cursor " + file + " is not valid JSON (" + e.getMessage()
          + "); move it away to start the source afresh", e);
    }
  }

  /** Replaces the saved state, durably. */
  public void save(ConnectorState state) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", VERSION);
    ObjectNode cursor = root.putObject("cursor");
    state.cursor().forEach(cursor::put);
    state.recentKeys().forEach(root.putArray("recentKeys")::add);
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path temp = dir.resolve(file.getFileName() + ".tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buffer = ByteBuffer.wrap(JSON.writeValueAsBytes(root));
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      forceDirectory(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write connector cursor " + file + ": " + e.getMessage(), e);
    }
  }

  /** Makes the rename itself durable; not every file system lets a directory be opened for that. */
  private static void forceDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Windows and some file systems refuse; the rename is still atomic there
    }
  }
}

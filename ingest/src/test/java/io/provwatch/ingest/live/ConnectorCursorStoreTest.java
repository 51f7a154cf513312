package io.provwatch.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectorCursorStoreTest {
  @TempDir Path dataDir;

  @Test
  void aSavedStateIsLoadedBackAndReplacedWholeWithoutATemporaryFileLeft() throws Exception {
    ConnectorCursorStore store = ConnectorCursorStore.inDataDir(dataDir, "bsky");
    assertThat(store.load()).as("nothing saved yet").isEqualTo(ConnectorState.EMPTY);

    store.save(new ConnectorState(Map.of("time_us", "1779719009132431"), List.of("k1", "k2")));
    store.save(new ConnectorState(Map.of("time_us", "1779719009140000"), List.of("k2", "k3")));

    assertThat(store.file()).isEqualTo(dataDir.resolve("connectors/bsky.json"));
    assertThat(store.load()).isEqualTo(new ConnectorState(Map.of("time_us", "1779719009140000"), List.of("k2", "k3")));
    try (var files = Files.list(dataDir.resolve("connectors"))) {
      assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("bsky.json");
    }
  }

  @Test
  void aDamagedFileStopsTheConnectorInsteadOfStartingOver() throws Exception {
    ConnectorCursorStore store = ConnectorCursorStore.inDataDir(dataDir, "masto");
    Files.createDirectories(store.file().getParent());
    Files.writeString(store.file(), "{\"version\":1,\"cursor\":{\"last_status_id\":");
    assertThatThrownBy(store::load).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(store.file().toString()).hasMessageContaining("move it away");
    Files.writeString(store.file(), "{\"version\":7}");
    assertThatThrownBy(store::load).hasMessageContaining("not a version 1 cursor file");
  }
}

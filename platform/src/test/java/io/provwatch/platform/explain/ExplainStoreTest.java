package io.provwatch.platform.explain;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.platform.testing.TopologyTests;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latest value per key, kept for the retention by the step's clock, on TopologyTestDriver with string values. */
class ExplainStoreTest {
  private static final String STORE = "latest";
  private static final long RETENTION_MS = 60_000;
  private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

  @TempDir Path dir;
  private TopologyTestDriver driver;
  private TestInputTopic<String, String> topic;
  private WindowStore<String, String> store;

  @BeforeEach
  void start() {
    StreamsBuilder builder = new StreamsBuilder();
    ExplainStore.addTo(builder, "things", Consumed.with(Serdes.String(), Serdes.String()), STORE, Serdes.String(), RETENTION_MS);
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "explain-store-test");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
    driver = new TopologyTestDriver(builder.build(), props);
    topic = driver.createInputTopic("things", new StringSerializer(), new StringSerializer());
    store = driver.getWindowStore(STORE);
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void pipe(String key, String value, long seconds) {
    topic.pipeInput(key, value, T0.plusSeconds(seconds));
  }

  /** What a route reads. */
  private String latest(String key) {
    return ExplainStore.latest(store, key);
  }

  @Test
  void aKeyIsKeptForTheRetentionFromItsLatestRecord() {
    pipe("a", "a1", 0);
    pipe("b", "b1", 10);
    pipe("a", "a2", 50);
    pipe("c", "c1", 71);
    assertThat(latest("a")).as("renewed at 50").isEqualTo("a2");
    assertThat(latest("b")).as("10 is older than 71 - 60").isNull();
    assertThat(TopologyTests.latestKeysOf(driver, STORE)).containsExactly("a", "c");

    pipe("x", "x1", 200);
    assertThat(TopologyTests.latestKeysOf(driver, STORE)).as("everything before 140 expired").containsExactly("x");
    pipe("y", "y1", 201);
    pipe("x", "x2", 262);
    assertThat(TopologyTests.latestKeysOf(driver, STORE)).as("y (201) expired by the time x was renewed at 262").containsExactly("x");
    assertThat(latest("x")).isEqualTo("x2");
  }

  @Test
  void theStoreIsGlobalAndWritesNoChangelogItsTopicIsOne() {
    pipe("a", "a1", 0);
    pipe("a", "a2", 5);
    pipe("b", "b1", 10);
    pipe("x", "x1", 500);
    assertThat(latest("x")).isEqualTo("x1");
    assertThat(driver.producedTopicNames()).as("nothing written: restored by reading 'things' again").isEmpty();
  }

  @Test
  void aLatestRecordAlreadyOlderThanTheRetentionLeavesNothingAndATombstoneDeletes() {
    pipe("a", "a1", 100);
    pipe("b", "b1", 100);
    pipe("a", "late", 30);
    assertThat(latest("a")).as("its latest record is 70 s old").isNull();
    pipe("b", null, 101);
    assertThat(TopologyTests.latestKeysOf(driver, STORE)).isEmpty();
    pipe("c", "c1", 90);
    assertThat(latest("c")).as("within the retention of the clock at 101").isEqualTo("c1");
  }
}

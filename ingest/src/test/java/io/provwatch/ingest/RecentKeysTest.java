package io.provwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentKeysTest {
  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T00:00:00Z"));

  @Test
  void beyondItsCapacityTheLeastRecentlySeenKeyGoesFirst() {
    RecentKeys<String> keys = new RecentKeys<>(2, null, clock);
    keys.put("a", "first");
    keys.put("b", "second");
    assertThat(keys.get("a")).as("seeing a again keeps it").isEqualTo("first");
    keys.put("c", "third");
    assertThat(keys.snapshot()).containsExactly("a", "c");
    assertThat(keys.contains("b")).isFalse();
  }

  @Test
  void aKeyUnseenForLongerThanTheRetentionIsForgottenAndSeeingItKeepsItLonger() {
    RecentKeys<Boolean> keys = new RecentKeys<>(100, Duration.ofMinutes(10), clock);
    keys.add("old");
    clock.advance(Duration.ofMinutes(6));
    keys.add("new");
    clock.advance(Duration.ofMinutes(3));
    assertThat(keys.contains("new")).isTrue(); // seen at 9 min: kept until 19
    clock.advance(Duration.ofMinutes(2));
    assertThat(keys.contains("old")).as("unseen for 11 minutes").isFalse();
    clock.advance(Duration.ofMinutes(7));
    assertThat(keys.contains("new")).as("seen 9 minutes ago").isTrue();
    assertThat(keys.size()).isEqualTo(1);
  }

  @Test
  void aLiveSourceStartsFromItsSavedKeysInOrder() {
    RecentKeys<Boolean> keys = new RecentKeys<>(2, List.of("x", "y", "z"));
    assertThat(keys.snapshot()).containsExactly("y", "z");
  }
}

package io.provwatch.platform.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StepClockTest {
  @Test
  void nothingExpiresBeforeTheFirstRecord() {
    assertFalse(new StepClock().isExpired(Long.MIN_VALUE + 1, 0));
  }

  @Test
  void theClockOnlyMovesForwardAndExpiresStrictlyOlderEntries() {
    StepClock clock = new StepClock();
    clock.advance(1_000);
    assertEquals(1_000, clock.advance(400), "an out-of-order record does not move the clock back");
    assertFalse(clock.isExpired(900, 100), "exactly the retention old: kept");
    assertTrue(clock.isExpired(899, 100));
  }
}

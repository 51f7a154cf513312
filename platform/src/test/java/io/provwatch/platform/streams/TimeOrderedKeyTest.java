package io.provwatch.platform.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TimeOrderedKeyTest {
  @Test
  void keysSortLikeTheirTimesAndStopBeforeTheBound() {
    List<String> keys = Stream.of(Long.MIN_VALUE, -5L, 0L, 9L, 10L, 1_763_630_400_000L, Long.MAX_VALUE)
        .map(t -> TimeOrderedKey.of(t, "ai-text|post:x:1")).toList();
    assertThat(keys).isSorted().doesNotHaveDuplicates();
    assertThat(TimeOrderedKey.of(9, "\uffffz")).as("time 9, any key: below the bound of 10").isLessThan(TimeOrderedKey.of(10, ""));
    assertThat(TimeOrderedKey.of(10, "a")).isGreaterThan(TimeOrderedKey.of(10, ""));
  }

  @Test
  void timeAndKeyComeBackOut() {
    for (long t : new long[] {Long.MIN_VALUE, -5L, 0L, 1_763_630_400_000L, Long.MAX_VALUE}) {
      String indexKey = TimeOrderedKey.of(t, "x:1|with|bars");
      assertThat(TimeOrderedKey.timeOf(indexKey)).isEqualTo(t);
      assertThat(TimeOrderedKey.keyOf(indexKey)).isEqualTo("x:1|with|bars");
    }
  }
}

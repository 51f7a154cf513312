package io.provwatch.scoring.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.CoordinationPairState;
import org.junit.jupiter.api.Test;

class PairCounterTest {
  @Test
  void repetitionsAreDistinctObjectsWhicheverAccountComesFirst() {
    assertThat(PairCounter.pairKey("bob", "ann")).isEqualTo("ann|bob").isEqualTo(PairCounter.pairKey("ann", "bob"));
    CoordinationPairState state = PairCounter.coShare(null, "url:a", 100);
    state = PairCounter.coShare(state, "url:a", 50);
    state = PairCounter.coShare(state, "hashtags:#x #y", 300);
    assertThat(state.getRepetitions()).isEqualTo(2);
    assertThat(state.getRepetitionKeys()).containsExactly("url:a", "hashtags:#x #y");
    assertThat(state.getFirstSeen()).isEqualTo(50);
    assertThat(state.getLastSeen()).isEqualTo(300);
  }
}

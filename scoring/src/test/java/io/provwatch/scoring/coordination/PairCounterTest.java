package io.provwatch.scoring.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.CoShare;
import io.provwatch.avro.CoordinatedPair;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairCounterTest {
  private static CoShare coShare(String repetition, String kind, String label, long firstAt, long lastAt, String... posts) {
    return CoShare.newBuilder().setPairKey("ann|bob").setRepetitionKey(repetition).setKind(kind).setObjectKey(repetition)
        .setLabel(label).setPostIds(List.of(posts)).setFirstAt(firstAt).setLastAt(lastAt).build();
  }

  @Test
  void repetitionsAreDistinctObjectsInWhateverOrderTheCoSharesComeAndARepeatAddsNothing() {
    assertThat(PairCounter.pairKey("bob", "ann")).isEqualTo("ann|bob").isEqualTo(PairCounter.pairKey("ann", "bob"));
    CoShare url = coShare("url:a", "url", "a", 100, 150, "x:1", "x:2");
    CoShare earlier = coShare("url:a", "url", "a", 50, 60, "x:3", "x:4");
    CoShare tags = coShare("hashtags:#x #y", "hashtags", "#x #y", 300, 320, "x:5", "x:6");

    CoordinatedPair forward = apply(url, earlier, tags);
    CoordinatedPair backward = apply(tags, earlier, url);
    assertThat(forward.getRepetitions()).isEqualTo(2);
    assertThat(forward.getRepetitionKeys()).containsExactly("hashtags:#x #y", "url:a");
    assertThat(forward.getFirstSeen()).isEqualTo(50);
    assertThat(forward.getLastSeen()).isEqualTo(320);
    assertThat(forward.getObjects()).hasSize(2);
    assertThat(backward.getRepetitions()).isEqualTo(forward.getRepetitions());
    assertThat(backward.getRepetitionKeys()).isEqualTo(forward.getRepetitionKeys());
    assertThat(backward.getPostIds()).isEqualTo(forward.getPostIds()).containsExactly("x:1", "x:2", "x:3", "x:4", "x:5", "x:6");

    assertThat(PairCounter.coShare(forward, url)).as("the same co-share again").isNull();
  }

  /** The pair after the co-shares in this order; one that adds nothing leaves it as it was. */
  private static CoordinatedPair apply(CoShare... coShares) {
    CoordinatedPair state = null;
    for (CoShare coShare : coShares) {
      CoordinatedPair next = PairCounter.coShare(state, coShare);
      state = next == null ? state : next;
    }
    return state;
  }
}

package io.provwatch.scoring.claims;

import static io.provwatch.scoring.claims.Claims.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.ClaimBankEntry;
import io.provwatch.avro.ClaimMatch;
import io.provwatch.avro.ClaimVerdict;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClaimIndexTest {
  private final Map<String, ClaimBankEntry> storage = new TreeMap<>();
  private final ClaimIndex index = ClaimIndex.inMemory(storage);

  @Test
  void aParaphraseFindsItsClaimAndAnUnrelatedTextFindsNothing() {
    index.put("t:1", claim("t:1", Claims.VACCINE_CHIPS, ClaimVerdict.FALSE, "Pants on Fire"));
    index.put("t:2", claim("t:2", Claims.BRIDGE_COST, ClaimVerdict.MOSTLY_TRUE, "Mostly True"));

    assertThat(index.match("Wake up: covid vaccines contain microchips that let governments track everyone. #truth", 0.5, 3))
        .singleElement().satisfies(m -> {
          assertThat(m.getClaim().getId()).isEqualTo("t:1");
          assertThat(m.getSimilarity()).isBetween(0.5, 1.0);
        });
    assertThat(index.match("Lovely sunset over the harbour tonight, bring a jacket", 0.1, 3)).isEmpty();
  }

  @Test
  void matchesAreOrderedBySimilarityThenIdAndLimited() {
    index.put("t:b", claim("t:b", Claims.VACCINE_CHIPS, ClaimVerdict.FALSE, "False"));
    index.put("t:a", claim("t:a", Claims.VACCINE_CHIPS, ClaimVerdict.FALSE, "False"));
    index.put("t:c", claim("t:c", "Covid vaccines contain microchips", ClaimVerdict.FALSE, "False"));
    String post = "covid vaccines contain microchips that let governments track everyone who gets the shot";

    assertThat(index.match(post, 0.5, 3)).extracting(m -> m.getClaim().getId()).containsExactly("t:a", "t:b", "t:c");
    assertThat(index.match(post, 0.5, 2)).extracting(m -> m.getClaim().getId()).containsExactly("t:a", "t:b");
  }

  @Test
  void removingAClaimEmptiesItsBucketsAndReplacingItReindexesTheNewText() {
    index.put("t:1", claim("t:1", Claims.VACCINE_CHIPS, ClaimVerdict.FALSE, "False"));
    index.remove("t:1");
    assertThat(storage).as("no claim and no bucket left behind").isEmpty();
    assertThat(index.match(Claims.VACCINE_CHIPS, 0.1, 3)).isEmpty();
    index.remove("t:unknown");

    index.put("t:1", claim("t:1", Claims.VACCINE_CHIPS, ClaimVerdict.FALSE, "False"));
    index.put("t:1", claim("t:1", Claims.WATER_FLUORIDE, ClaimVerdict.FALSE, "False"));
    assertThat(index.match(Claims.VACCINE_CHIPS, 0.1, 3)).as("the old text is gone from the buckets").isEmpty();
    assertThat(index.match(Claims.WATER_FLUORIDE, 0.9, 3)).extracting(ClaimMatch::getSimilarity).containsExactly(1.0);
    assertThat(storage.keySet()).filteredOn(k -> k.startsWith("claim/")).containsExactly("claim/t:1");
  }

  @Test
  void theSameClaimsInAnotherOrderGiveTheSameStorage() {
    index.put("t:1", claim("t:1", Claims.VACCINE_CHIPS, ClaimVerdict.FALSE, "False"));
    index.put("t:2", claim("t:2", Claims.BRIDGE_COST, ClaimVerdict.TRUE, "True"));
    Map<String, ClaimBankEntry> other = new TreeMap<>();
    ClaimIndex reversed = ClaimIndex.inMemory(other);
    reversed.put("t:2", claim("t:2", Claims.BRIDGE_COST, ClaimVerdict.TRUE, "True"));
    reversed.put("t:1", claim("t:1", Claims.VACCINE_CHIPS, ClaimVerdict.FALSE, "False"));
    assertThat(other).isEqualTo(storage);
  }
}

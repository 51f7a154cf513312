package io.provwatch.scoring.claims;

import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.FactCheck;

/** Hand-written fact checks for the claim tests. */
public final class Claims {
  public static final String VACCINE_CHIPS = "Covid vaccines contain microchips that let governments track everyone who gets the shot";
  public static final String BRIDGE_COST = "The new harbour bridge cost three times what the city council first promised";
  public static final String WATER_FLUORIDE = "Adding fluoride to tap water lowers the IQ of children in every town that does it";

  private Claims() {}

  public static FactCheck claim(String id, String text, ClaimVerdict verdict, String rating) {
    return FactCheck.newBuilder()
        .setId(id).setClaim(text).setVerdict(verdict).setRating(rating)
        .setUrl("https://factcheck.example/" + id.replace(':', '-')).setPublisher("Example Checks")
        .setSource("test").build();
  }
}

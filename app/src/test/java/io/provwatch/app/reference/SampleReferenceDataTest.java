package io.provwatch.app.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.DomainCredibility;
import io.provwatch.avro.DomainRating;
import io.provwatch.avro.FactCheck;
import io.provwatch.scoring.claims.ClaimMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo's illustrative claim bank and domains list read cleanly and meet the sample posts they were written for. */
class SampleReferenceDataTest {
  private static <V> List<ImportedRow<V>> sample(RowImporter<V> importer, String resource) throws IOException {
    List<ImportedRow<V>> rows = new ArrayList<>();
    try (InputStream in = SampleReferenceDataTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      importer.read(new InputStreamReader(in, StandardCharsets.UTF_8), resource, rows::add);
    }
    return rows;
  }

  @Test
  void theSampleClaimsImportAndTheSampleRumourMatchesTheFalseOne() throws IOException {
    List<ImportedRow<FactCheck>> rows = sample(new ClaimReviewImporter(), "/sample/factchecks.json");
    assertThat(ImporterFixtures.rejected(rows)).isEmpty();
    List<FactCheck> claims = ImporterFixtures.accepted(rows);
    assertThat(claims).extracting(FactCheck::getVerdict).containsExactly(ClaimVerdict.FALSE, ClaimVerdict.FALSE, ClaimVerdict.MIXED);
    assertThat(claims).allSatisfy(c -> assertThat(c.getPublisher()).contains("illustrative"));

    ClaimMatcher index = ClaimMatcher.withDefaultModel();
    claims.forEach(c -> index.put(c.getId(), c));
    String rumour = "they are closing every town centre car park in brackwater from january and nobody is talking about it. "
        + "read this before it gets taken down https://brackwater-truthdesk.info/carparks?ref=share";
    assertThat(index.match(rumour, null, null, 3)).first().satisfies(m -> assertThat(m.getClaim().getId()).isEqualTo(claims.get(0).getId()));
    assertThat(index.match("Local doctors won't tell you this: the simple kitchen remedy that ends winter colds in 24 hours "
        + "https://brackwater-truthdesk.info/health/winter-cold-remedy", null, null, 3)).first()
        .satisfies(m -> assertThat(m.getClaim().getVerdict()).isEqualTo(ClaimVerdict.FALSE));
  }

  @Test
  void theSampleDomainsImportAndSayTheyAreIllustrative() throws IOException {
    List<ImportedRow<DomainRating>> rows = sample(new DomainCsvImporter(), "/sample/domains.csv");
    assertThat(ImporterFixtures.rejected(rows)).isEmpty();
    assertThat(ImporterFixtures.accepted(rows)).hasSize(5)
        .allSatisfy(d -> assertThat(d.getSource()).contains("illustrative"))
        .filteredOn(d -> d.getRating() == DomainCredibility.LOW).extracting(DomainRating::getDomain)
        .containsExactly("brackwater-truthdesk.info", "shocking-finds.xyz", "naturalcures-today.net");
  }
}

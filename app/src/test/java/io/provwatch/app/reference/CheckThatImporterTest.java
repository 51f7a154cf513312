package io.provwatch.app.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.FactCheck;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code factchecks import checkthat}: the verified claims of a CheckThat! set (vclaims.jsonl). */
class CheckThatImporterTest {
  private static List<ImportedRow<FactCheck>> read(CheckThatImporter importer, String... lines) throws Exception {
    List<ImportedRow<FactCheck>> rows = new ArrayList<>();
    importer.read(new StringReader(String.join("\n", lines)), "vclaims.jsonl", rows::add);
    return rows;
  }

  @Test
  void snopesAndPolitiFactClaimsKeepTitleDateUrlSpeakerAndRating() throws Exception {
    List<ImportedRow<FactCheck>> rows = read(new CheckThatImporter(),
        "{\"id\": \"vclaim-sno-10-meter-anaconda\", \"title\": \"Does Video Show a 10-Meter-Long Anaconda?\", \"claim\": \"A viral video shows a 10-meter-long anaconda.\", \"url\": null, \"date\": \"2021-03-06\", \"author\": \"Dan Evon\"}",
        "",
        "{\"id\": \"vclaim-pol-00001\", \"title\": \"Trump wrong about murders\", \"claim\": \"Murders dropped by more than 10%.\", \"url\": \"https://www.politifact.com/factchecks/2019/oct/29/x/\", \"date\": \"2019-10-28\", \"speaker\": \"Donald Trump\", \"truth_label\": \"pants-fire\"}",
        "{\"id\": \"7\", \"claim\": \"A 2020 claim without date or url.\", \"title\": null, \"url\": null, \"date\": null}",
        "{\"id\": \"8\", \"title\": \"no claim\"}",
        "{\"id\": \"9\", \"claim\": \"bad date\", \"date\": \"6 March 2021\"}",
        "not json");
    List<FactCheck> claims = ImporterFixtures.accepted(rows);
    assertThat(claims).hasSize(3);
    FactCheck snopes = claims.get(0);
    assertThat(snopes.getId()).isEqualTo("checkthat:vclaim-sno-10-meter-anaconda");
    assertThat(snopes.getTitle()).isEqualTo("Does Video Show a 10-Meter-Long Anaconda?");
    assertThat(snopes.getPublisher()).isEqualTo("Snopes");
    assertThat(snopes.getVerdict()).isEqualTo(ClaimVerdict.UNRATED);
    assertThat(snopes.getDate()).isEqualTo(Instant.parse("2021-03-06T00:00:00Z"));
    assertThat(snopes.getSource()).isEqualTo("checkthat:vclaims.jsonl:1");
    FactCheck politifact = claims.get(1);
    assertThat(politifact.getPublisher()).isEqualTo("PolitiFact");
    assertThat(politifact.getClaimant()).isEqualTo("Donald Trump");
    assertThat(politifact.getRating()).isEqualTo("pants-fire");
    assertThat(politifact.getVerdict()).isEqualTo(ClaimVerdict.FALSE);
    assertThat(politifact.getUrl()).startsWith("https://www.politifact.com/");
    assertThat(claims.get(2).getDate()).isNull();
    assertThat(ImporterFixtures.rejected(rows)).extracting(r -> r.line() + " " + r.code())
        .containsExactly("5 MISSING_FIELD", "6 INVALID_FIELD", "7 MALFORMED_JSON");
  }

  @Test
  void theBenchmarkKeepsTheFilesOwnIds() throws Exception {
    assertThat(ImporterFixtures.accepted(read(CheckThatImporter.keepingIds(), "{\"id\": \"784\", \"claim\": \"x\"}")))
        .extracting(FactCheck::getId).containsExactly("784");
  }
}

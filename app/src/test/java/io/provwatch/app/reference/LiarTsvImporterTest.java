package io.provwatch.app.reference;

import static io.provwatch.app.reference.ImporterFixtures.accepted;
import static io.provwatch.app.reference.ImporterFixtures.rejected;
import static io.provwatch.app.reference.ImporterFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.FactCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiarTsvImporterTest {
  private final LiarTsvImporter importer = new LiarTsvImporter();

  @Test
  void liarRowsBecomeFactChecksWithTheLabelAsRatingAndAVerdict() {
    List<ImportedRow<FactCheck>> rows = rows(importer, "liar-sample.tsv");
    assertThat(accepted(rows)).extracting(FactCheck::getId, FactCheck::getRating, FactCheck::getVerdict, FactCheck::getClaimant)
        .containsExactly(
            tuple("liar:1001", "false", ClaimVerdict.FALSE, "jane-roe"),
            tuple("liar:1002", "mostly-true", ClaimVerdict.MOSTLY_TRUE, "port-authority"),
            tuple("liar:1003", "pants-fire", ClaimVerdict.FALSE, "chain-email"));
    FactCheck first = accepted(rows).get(0);
    assertThat(first.getClaim()).isEqualTo("Says the harbour tunnel will be closed for ten years starting next month.");
    assertThat(first.getPublisher()).isEqualTo("PolitiFact");
    assertThat(first.getLanguage()).isEqualTo("en");
    assertThat(first.getSource()).isEqualTo("liar:liar-sample.tsv:1");
  }

  @Test
  void badRowsAreRejectedWithTheirLineAndAReasonNamingTheFieldAndBlankLinesIgnored() {
    assertThat(rejected(rows(importer, "liar-sample.tsv"))).extracting(r -> r.line(), r -> r.code())
        .containsExactly(
            tuple(4L, ImportedRow.Code.INVALID_FIELD),
            tuple(6L, ImportedRow.Code.MALFORMED_ROW),
            tuple(7L, ImportedRow.Code.MISSING_FIELD),
            tuple(8L, ImportedRow.Code.MALFORMED_ROW));
    ImportedRow.Rejected<FactCheck> label = rejected(rows(importer, "liar-sample.tsv")).get(0);
    assertThat(label.message()).contains("label", "'sort-of-true'", "barely-true");
    assertThat(label.raw()).startsWith("1004.json\tsort-of-true");
  }

  @Test
  void liarPlusRowsWithARowNumberFirstAndAJustificationLastAreRead() {
    assertThat(accepted(rows(importer, "liarplus-sample.tsv"))).extracting(FactCheck::getId, FactCheck::getVerdict, FactCheck::getClaim)
        .containsExactly(
            tuple("liar:2001", ClaimVerdict.MOSTLY_FALSE, "The bridge toll doubled last year."),
            tuple("liar:2002", ClaimVerdict.TRUE, "The library opens on Sundays now."));
  }
}

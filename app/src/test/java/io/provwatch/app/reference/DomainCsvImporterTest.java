package io.provwatch.app.reference;

import static io.provwatch.app.reference.ImporterFixtures.accepted;
import static io.provwatch.app.reference.ImporterFixtures.rejected;
import static io.provwatch.app.reference.ImporterFixtures.rows;
import static io.provwatch.app.reference.ImporterFixtures.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.provwatch.avro.DomainCredibility;
import io.provwatch.avro.DomainRating;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainCsvImporterTest {
  private final DomainCsvImporter importer = new DomainCsvImporter();

  @Test
  void rowsBecomeRatingsKeyedByRegistrableDomain() {
    List<ImportedRow<DomainRating>> rows = rows(importer, "domains-sample.csv");
    assertThat(accepted(rows)).extracting(DomainRating::getDomain, DomainRating::getRating, DomainRating::getSource, DomainRating::getNote)
        .containsExactly(
            tuple("junknews.example", DomainCredibility.LOW, "Example list", "fabricated stories"),
            tuple("daily.example", DomainCredibility.MIXED, "Example list", null),
            tuple("paper.co.uk", DomainCredibility.HIGH, "Example list", null));
    assertThat(rows).filteredOn(r -> r instanceof ImportedRow.Accepted).first()
        .satisfies(r -> assertThat(((ImportedRow.Accepted<DomainRating>) r).key()).isEqualTo("junknews.example"));
  }

  @Test
  void badRowsAreRejectedWithTheirLineAndField() {
    assertThat(rejected(rows(importer, "domains-sample.csv"))).extracting(r -> r.line(), r -> r.code(), r -> r.message().split(":")[0])
        .containsExactly(
            tuple(6L, ImportedRow.Code.MISSING_FIELD, "domain"),
            tuple(7L, ImportedRow.Code.INVALID_FIELD, "domain"),
            tuple(8L, ImportedRow.Code.INVALID_FIELD, "rating"),
            tuple(9L, ImportedRow.Code.MISSING_FIELD, "source"));
  }

  @Test
  void aHeaderWithoutTheNeededColumnsIsOneRejection() {
    assertThat(rejected(rowsOf(importer, "site,score\nexample.com,1\n"))).singleElement()
        .satisfies(r -> assertThat(r.message()).contains("no column 'domain'"));
    assertThat(rejected(rowsOf(importer, "domain,rating,source\nexample.com,low,\"unterminated\n"))).singleElement()
        .satisfies(r -> assertThat(r.code()).isEqualTo(ImportedRow.Code.MALFORMED_ROW));
  }
}

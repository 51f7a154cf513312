package io.provwatch.app.reference;

import static io.provwatch.app.reference.ImporterFixtures.accepted;
import static io.provwatch.app.reference.ImporterFixtures.rejected;
import static io.provwatch.app.reference.ImporterFixtures.rows;
import static io.provwatch.app.reference.ImporterFixtures.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.FactCheck;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimReviewImporterTest {
  private final ClaimReviewImporter importer = new ClaimReviewImporter();

  @Test
  void theClaimReviewsOfAGraphAreReadAndOtherNodesSkipped() {
    List<ImportedRow<FactCheck>> rows = rows(importer, "claimreview-graph.json");
    assertThat(rows).filteredOn(r -> r instanceof ImportedRow.Skipped).singleElement()
        .satisfies(r -> assertThat(((ImportedRow.Skipped<FactCheck>) r).why()).contains("WebPage"));
    List<FactCheck> checks = accepted(rows);
    assertThat(checks).hasSize(2);
    FactCheck tunnel = checks.get(0);
    assertThat(tunnel.getClaim()).isEqualTo("The harbour tunnel will be closed for ten years");
    assertThat(tunnel.getRating()).as("alternateName is the publisher's text").isEqualTo("Pants on Fire");
    assertThat(tunnel.getVerdict()).isEqualTo(ClaimVerdict.FALSE);
    assertThat(tunnel.getUrl()).isEqualTo("https://checks.example/tunnel-closure");
    assertThat(tunnel.getPublisher()).isEqualTo("Example Checks");
    assertThat(tunnel.getClaimant()).isEqualTo("Jane Roe");
    assertThat(tunnel.getDate()).isEqualTo(Instant.parse("2026-10-02T00:00:00Z"));
    assertThat(tunnel.getLanguage()).isEqualTo("en");
    assertThat(tunnel.getId()).matches("claimreview:[0-9a-f]{16}").isEqualTo(accepted(rows(importer, "claimreview-graph.json")).get(0).getId());
    assertThat(tunnel.getSource()).isEqualTo("claimreview:claimreview-graph.json:5");

    FactCheck ferry = checks.get(1);
    assertThat(ferry.getRating()).as("no alternateName: the value on its scale").isEqualTo("4 (of 1 to 5)");
    assertThat(ferry.getVerdict()).isEqualTo(ClaimVerdict.MOSTLY_TRUE);
    assertThat(ferry.getPublisher()).as("author given as an array").isEqualTo("Example Checks");
    assertThat(ferry.getDate()).isEqualTo(Instant.parse("2026-10-03T08:30:00Z"));
  }

  @Test
  void reviewsWithoutClaimOrWithABadDateAreRejectedWithTheirLine() {
    assertThat(rejected(rows(importer, "claimreview-graph.json"))).extracting(r -> r.line(), r -> r.code(), r -> r.message())
        .containsExactly(
            tuple(23L, ImportedRow.Code.MISSING_FIELD, "claimReviewed: missing or empty"),
            tuple(28L, ImportedRow.Code.INVALID_FIELD, "datePublished: 'last Tuesday' is no ISO date or date-time"));
  }

  @Test
  void aSingleObjectAndAnArrayAreReadToo() {
    String one = "{\"@type\": \"ClaimReview\", \"claimReviewed\": \"Seawater cures the flu\", \"reviewRating\": {\"alternateName\": \"Mostly False\"},"
        + " \"publisher\": {\"name\": \"Other Checks\"}}";
    assertThat(accepted(rowsOf(importer, one))).singleElement()
        .satisfies(c -> {
          assertThat(c.getVerdict()).isEqualTo(ClaimVerdict.MOSTLY_FALSE);
          assertThat(c.getPublisher()).isEqualTo("Other Checks");
          assertThat(c.getUrl()).isNull();
        });
    List<ImportedRow<FactCheck>> array = rowsOf(importer, "[\n" + one + ",\n42,\n{\"claimReviewed\": \"x\", \"reviewRating\": {\"ratingValue\": \"high\"}}\n]");
    assertThat(accepted(array)).hasSize(1);
    assertThat(rejected(array)).extracting(r -> r.line(), r -> r.code())
        .containsExactly(tuple(3L, ImportedRow.Code.INVALID_FIELD), tuple(4L, ImportedRow.Code.INVALID_FIELD));
  }

  @Test
  void brokenJsonIsOneRejectionNamingTheLineNeverAnException() {
    List<ImportedRow<FactCheck>> rows = rowsOf(importer, "[\n{\"claimReviewed\": \"fine\"},\n{\"claimReviewed\": ");
    assertThat(accepted(rows)).hasSize(1);
    assertThat(rejected(rows)).singleElement().satisfies(r -> {
      assertThat(r.code()).isEqualTo(ImportedRow.Code.MALFORMED_JSON);
      assertThat(r.line()).isEqualTo(3L);
    });
    assertThat(rejected(rowsOf(importer, "\"just a string\""))).singleElement()
        .satisfies(r -> assertThat(r.code()).isEqualTo(ImportedRow.Code.MALFORMED_JSON));
    assertThat(rowsOf(importer, "")).isEmpty();
  }

  @Test
  void ratingWordsOfTheCommonScalesMapOntoVerdicts() {
    assertThat(RatingScale.fromText("Pants on Fire!")).isEqualTo(ClaimVerdict.FALSE);
    assertThat(RatingScale.fromText("pants-fire")).isEqualTo(ClaimVerdict.FALSE);
    assertThat(RatingScale.fromText("Mostly False")).isEqualTo(ClaimVerdict.MOSTLY_FALSE);
    assertThat(RatingScale.fromText("barely-true")).isEqualTo(ClaimVerdict.MOSTLY_FALSE);
    assertThat(RatingScale.fromText("True, but misleading")).isEqualTo(ClaimVerdict.MOSTLY_FALSE);
    assertThat(RatingScale.fromText("Half True")).isEqualTo(ClaimVerdict.MIXED);
    assertThat(RatingScale.fromText("Mixture")).isEqualTo(ClaimVerdict.MIXED);
    assertThat(RatingScale.fromText("Four Pinocchios")).isEqualTo(ClaimVerdict.FALSE);
    assertThat(RatingScale.fromText("untrue")).as("no word 'true' in it").isEqualTo(ClaimVerdict.UNRATED);
    assertThat(RatingScale.fromText("Satire")).isEqualTo(ClaimVerdict.UNRATED);
    assertThat(RatingScale.fromText(null)).isEqualTo(ClaimVerdict.UNRATED);
    assertThat(RatingScale.fromValue(1, 1, 5)).isEqualTo(ClaimVerdict.FALSE);
    assertThat(RatingScale.fromValue(3, 1, 5)).isEqualTo(ClaimVerdict.MIXED);
    assertThat(RatingScale.fromValue(5, 1, 5)).isEqualTo(ClaimVerdict.TRUE);
    assertThat(RatingScale.fromValue(7, 1, 5)).isEqualTo(ClaimVerdict.UNRATED);
  }
}

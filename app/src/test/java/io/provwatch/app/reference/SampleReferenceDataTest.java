package io.provwatch.app.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.app.alertbudget.EvalPost;
import io.provwatch.app.alertbudget.MustAlertCases;
import io.provwatch.avro.ClaimMatch;
import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.DomainCredibility;
import io.provwatch.avro.DomainRating;
import io.provwatch.avro.FactCheck;
import io.provwatch.avro.Post;
import io.provwatch.scoring.claims.ClaimLookup;
import io.provwatch.scoring.claims.ClaimMatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's illustrative claim bank and domains list read cleanly and meet the sample posts they were written for (and no others). */
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
  void theSampleClaimsImportTheRumoursMatchThemAndTheOtherSamplePostsMatchNothing() throws Exception {
    List<ImportedRow<FactCheck>> rows = sample(new ClaimReviewImporter(), "/sample/factchecks.json");
    assertThat(ImporterFixtures.rejected(rows)).isEmpty();
    List<FactCheck> claims = ImporterFixtures.accepted(rows);
    assertThat(claims).extracting(FactCheck::getVerdict).containsExactly(ClaimVerdict.FALSE, ClaimVerdict.FALSE, ClaimVerdict.MIXED);
    assertThat(claims).allSatisfy(c -> assertThat(c.getPublisher()).contains("illustrative"));

    try (ClaimMatcher index = ClaimMatcher.withDefaultModel()) {
      claims.forEach(c -> index.put(c.getId(), c));
      Map<String, Post> posts = new HashMap<>();
      List<EvalPost> sample = MustAlertCases.sample();
      sample.forEach(p -> posts.put(p.post().getId(), p.post()));
      // the posts that start the two false rumours, as the claim-lookup step reads them (with their authors)
      assertThat(matches(index, posts.get("x:2123690482729973590"))).first()
          .satisfies(m -> assertThat(m.getClaim().getId()).isEqualTo(claims.get(0).getId()));
      assertThat(matches(index, posts.get("rss:https://brackwater-truthdesk.info/health/winter-cold-remedy"))).first()
          .satisfies(m -> assertThat(m.getClaim().getId()).isEqualTo(claims.get(1).getId()));
      // the bank is small and about the sample's own topics (car parks, libraries, colds): the posts that are no planted
      // case, among them the council's and the paper's denials of the car-park rumour, repeat none of its claims
      assertThat(sample).filteredOn(p -> p.role() == EvalPost.Role.CONTEXT).hasSize(180)
          .allSatisfy(p -> assertThat(matches(index, p.post())).as(p.post().getId() + ": " + p.post().getText()).isEmpty());
    }
  }

  private static List<ClaimMatch> matches(ClaimMatcher index, Post post) {
    return index.match(post.getText(), ClaimLookup.author(post), ClaimLookup.MAX_MATCHES);
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

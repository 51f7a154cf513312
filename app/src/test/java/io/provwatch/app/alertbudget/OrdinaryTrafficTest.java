package io.provwatch.app.alertbudget;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.app.alertbudget.EvalPost.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrdinaryTrafficTest {
  @TempDir Path dir;

  @Test
  void campaignSizesAreTheAccountsOfEachConnectedComponentOfPairs() {
    Map<String, Integer> sizes = OrdinaryTraffic.campaignSizes(Set.of("a|b", "b|c", "d|e", "c|f"));
    assertThat(sizes).containsEntry("a", 4).containsEntry("f", 4).containsEntry("d", 2).containsEntry("e", 2).hasSize(6);
  }

  @Test
  void coordinatedPairsMustBeFoundAndBothSharesOfTheirCoSharesAreContext() throws Exception {
    Path csv = dir.resolve("stream.csv");
    Files.write(csv, List.of("\"account_id\",\"post_id\",\"url_id\",\"hashtag_id\",\"domain_id\",\"phash_id\",\"timestamp\"",
        "\"a\",1,100,NA,1,NA,1000", // a, b and c share url 100 within the window: one campaign of three
        "\"b\",2,100,NA,1,NA,1030",
        "\"c\",3,100,NA,1,NA,1060",
        "\"d\",4,200,NA,1,NA,2000", // d and e: a pair alone
        "\"e\",5,200,NA,1,NA,2050",
        "\"f\",6,200,NA,1,NA,9000", // too late to co-share with d or e
        "\"a\",7,300,NA,1,NA,9500", // a's other post shares nothing
        "\"g\",8,400,NA,1,NA,9600", // g and h share url 400 in the same second: both shares are co-shares
        "\"h\",9,400,NA,1,NA,9600"));

    OrdinaryTraffic.GermanElectionsSlice slice = OrdinaryTraffic.germanElections(csv, 100, 120_000, 1, false, 3);

    assertThat(slice.posts()).filteredOn(p -> p.role() == Role.ORDINARY).extracting(p -> p.post().getId())
        .containsExactlyInAnyOrder("csv:6-5", "csv:7-6");
    assertThat(slice.posts()).filteredOn(p -> p.role() == Role.CONTEXT).hasSize(7)
        .allSatisfy(p -> assertThat(p.group()).isEqualTo(MustAlertCases.CO_SHARES));
    assertThat(slice.pairCases()).hasSize(2);
    assertThat(slice.pairCases().get(0).pairs()).containsExactly("a|b", "a|c", "b|c", "d|e", "g|h");
    assertThat(slice.pairCases().get(1).group()).endsWith("in campaigns of 3+ accounts");
    assertThat(slice.pairCases().get(1).pairs()).containsExactly("a|b", "a|c", "b|c");
  }
}

package io.provwatch.app.alertbudget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.app.aitext.DataException;
import io.provwatch.app.alertbudget.EvalPost.Role;
import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.FactCheck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckThatCasesTest {
  @TempDir Path misinfo;

  private void write(String file, List<String> lines) throws Exception {
    Path dir = Files.createDirectories(misinfo.resolve(CheckThatCases.FOLDER));
    Files.write(dir.resolve(file), lines, StandardCharsets.UTF_8);
  }

  @Test
  void judgedTweetsMustAlertWithAClaimMatchAndTheirClaimsAreInTheBank() throws Exception {
    write("queries-train.jsonl", List.of(
        "{\"id\": \"tweet-sno-1\", \"text\": \"The army is texting people about a draft \u2014 Jo Doe (@jodoe) January 6, 2020\", \"date\": \"2020-01-06\"}",
        "{\"id\": \"tweet-sno-2\", \"text\": \"Not judged, so not taken\", \"date\": null}"));
    write("qrels-train.tsv", List.of("tweet-sno-1\tvclaim-sno-draft-texts"));
    List<String> collection = new ArrayList<>();
    collection.add("{\"id\": \"vclaim-sno-draft-texts\", \"title\": \"Draft texts?\", \"claim\": \"The U.S. Army is sending texts about a draft.\","
        + " \"url\": null, \"date\": \"2020-01-08\"}");
    for (int i = 0; i < CheckThatCases.OTHER_CLAIMS + 5; i++) {
      collection.add("{\"id\": \"vclaim-sno-other-" + i + "\", \"title\": \"t\", \"claim\": \"Other claim " + i + "\", \"url\": null, \"date\": null}");
    }
    write("vclaims.jsonl", collection);

    CheckThatCases.Cases cases = CheckThatCases.read(misinfo, 10);

    assertThat(cases.posts()).singleElement().satisfies(p -> {
      assertThat(p.role()).isEqualTo(Role.MUST_ALERT);
      assertThat(p.signal()).isEqualTo("claim-match");
      assertThat(p.post().getText()).as("the embed's byline is not what was posted").isEqualTo("The army is texting people about a draft");
    });
    assertThat(cases.claims()).hasSize(1 + CheckThatCases.OTHER_CLAIMS);
    FactCheck repeated = cases.claims().get(0);
    assertThat(repeated.getId()).isEqualTo("checkthat:vclaim-sno-draft-texts");
    assertThat(repeated.getVerdict()).isEqualTo(ClaimVerdict.FALSE);
    assertThat(repeated.getUrl()).isNull();
    assertThat(repeated.getDate()).isNotNull();
    assertThat(cases.claims()).extracting(FactCheck::getId).doesNotHaveDuplicates();
  }

  @Test
  void aJudgementWithoutItsClaimOrABrokenLineIsADataErrorNamingIt() throws Exception {
    write("queries-train.jsonl", List.of("{\"id\": \"tweet-sno-1\", \"text\": \"a tweet\"}"));
    write("qrels-train.tsv", List.of("tweet-sno-1\tvclaim-sno-gone"));
    write("vclaims.jsonl", List.of("{\"id\": \"vclaim-sno-other\", \"claim\": \"Other claim\"}"));
    assertThatThrownBy(() -> CheckThatCases.read(misinfo, 10)).isInstanceOf(DataException.class)
        .hasMessageContaining("vclaims.jsonl lacks claims the judgements point at: vclaim-sno-gone");

    write("vclaims.jsonl", List.of("{\"id\": \"vclaim-sno-gone\", \"claim\": \"Gone\"}", "{\"id\": 7"));
    assertThatThrownBy(() -> CheckThatCases.read(misinfo, 10)).isInstanceOf(DataException.class).hasMessageContaining("vclaims.jsonl line 2");

    write("qrels-train.tsv", List.of("tweet-sno-1 vclaim-sno-gone"));
    assertThatThrownBy(() -> CheckThatCases.read(misinfo, 10)).isInstanceOf(DataException.class)
        .hasMessageContaining("qrels-train.tsv line 1: expected query_id<TAB>claim_id");
  }
}

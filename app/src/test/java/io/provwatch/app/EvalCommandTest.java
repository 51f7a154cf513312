package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code provwatch eval claims} on small hand-made LIAR files, and its clean skip without data. */
class EvalCommandTest {
  @TempDir Path dir;

  private static final String[] STATEMENTS = {
      "The harbour tunnel will be closed for ten years starting next month",
      "Drinking seawater every morning cures the flu within a single day",
      "The ferry carried more passengers last year than in any year before",
      "City hall sold the old library building to a casino operator in secret",
      "Every bus in the county will be free of charge from the first of June",
      "The new stadium was paid for entirely by a foreign government",
      "Tap water in the old town contains dangerous levels of arsenic",
      "Half of the council staff work from their holiday homes abroad"};

  /** LIAR train rows and LIAR-PLUS validation rows: the same statements, so that the half kept in the bank is found. */
  private void writeData() throws Exception {
    List<String> train = new ArrayList<>();
    List<String> validation = new ArrayList<>();
    for (int i = 0; i < STATEMENTS.length; i++) {
      String label = (i / 2) % 2 == 0 ? "false" : "true"; // both parities of id get false and true claims
      train.add((900 + i) + ".json\thalf-true\tUnrelated statement number " + i + " about parking fees and bin collections\tmisc\tsomeone");
      validation.add(i + "\t" + (100 + i) + ".json\t" + label + "\t" + STATEMENTS[i] + "\tmisc\tsomeone\t\t\tnone\t0\t0\t0\t0\t0\tsomewhere\t"
          + "Our check found that " + STATEMENTS[i].toLowerCase() + " is " + label + ".");
    }
    Files.write(dir.resolve("liar_train_original.tsv"), train);
    Files.write(dir.resolve("liarplus_val2.tsv"), validation);
  }

  @Test
  void reportsPrecisionAndRecallPerVariantAndThreshold() throws Exception {
    writeData();
    Path json = dir.resolve("eval.json");
    CliRun run = CliRun.of("eval", "claims", "--data", dir.toString(), "--min-similarity", "0.6", "--json", json.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("rewritten statement", "LIAR-PLUS justification", "precision");

    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.get("bankClaims").asInt()).isEqualTo(STATEMENTS.length + report.get("inBank").asInt());
    assertThat(report.get("inBank").asInt() + report.get("heldOut").asInt()).isEqualTo(STATEMENTS.length);
    JsonNode rewritten = report.get("figures").get(0);
    assertThat(rewritten.get("variant").asText()).isEqualTo("rewritten statement");
    assertThat(rewritten.get("posts").asInt()).isEqualTo(STATEMENTS.length);
    // held-out statements share nothing with the bank here, so every flag is right and every false claim in the bank is found
    assertThat(rewritten.get("positives").asInt()).as("some false claims are in the bank").isPositive();
    assertThat(rewritten.get("falsePositives").asInt()).isZero();
    assertThat(rewritten.get("truePositives").asInt()).isEqualTo(rewritten.get("positives").asInt());
    assertThat(rewritten.get("rightClaim").asInt()).isEqualTo(rewritten.get("truePositives").asInt());
  }

  @Test
  void withoutTheDataItSaysSoAndSucceeds() {
    CliRun run = CliRun.of("eval", "claims", "--data", dir.resolve("absent").toString());
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("skipped", "liar_train_original.tsv");
  }
}

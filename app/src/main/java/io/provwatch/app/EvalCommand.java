package io.provwatch.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.provwatch.app.claims.ClaimEvaluation;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code provwatch eval claims}: how well the claim matcher finds posts repeating claims rated false. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Measure a detector on labelled data.",
    subcommands = EvalCommand.Claims.class)
final class EvalCommand {
  static final String DEFAULT_DATA = "../shared/data/misinfo";

  @Command(name = "claims", mixinStandardHelpOptions = true,
      description = {"Claim matching on LIAR / LIAR-PLUS in --data: bank = LIAR train + half of the LIAR-PLUS validation claims;",
          "posts = each validation claim rewritten, and its LIAR-PLUS justification. Precision and recall of",
          "'matches a claim rated false or mostly false', per minimum similarity, with the time taken.",
          "Exit 0 with a note when the data is absent."})
  static final class Claims implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = DEFAULT_DATA,
        description = "Folder with liar_train_original.tsv and liarplus_val2.tsv (default ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--min-similarity", split = ",", paramLabel = "S,...", defaultValue = "0.3,0.4,0.5,0.6,0.7",
        description = "Minimum similarities to measure at (default ${DEFAULT-VALUE}).")
    List<Double> minSimilarities;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON to FILE.")
    Path json;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      List<String> missing = ClaimEvaluation.missing(data);
      if (!missing.isEmpty()) {
        out.println("eval claims: skipped, " + data + " lacks " + String.join(", ", missing));
        out.flush();
        return 0;
      }
      ClaimEvaluation.Report report = ClaimEvaluation.run(data, minSimilarities);
      ClaimEvaluation.describe(report).forEach(out::println);
      out.flush();
      if (json != null) {
        Files.writeString(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
      }
      return 0;
    }
  }
}

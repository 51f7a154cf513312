package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.scoring.aitext.AiTextModel;
import io.provwatch.scoring.aitext.TextFeatures;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code provwatch model train} and {@code model eval} in-process, on a synthetic set in TweepFake's format. */
class ModelCommandTest {
  private static final String[] CASUAL = {"lol the bus was late again", "i swear this week is cursed", "anyone else stuck on route 12??",
      "my neighbour can mind his own shed", "we ate cake. two slices each.", "who ARE these people", "ugh rain again",
      "finally fixed the gate!!", "my brother likes pineapple on pizza smh", "coffee cost more than the veg tbh"};
  private static final String[] ASSISTANT = {"It is important to note that this can have significant impacts.",
      "Additionally, addressing this challenge requires a coordinated effort.", "Overall, the initiative represents a significant step.",
      "Furthermore, it can also improve overall quality.", "There are several factors to consider in this context.",
      "It is generally recommended to evaluate the specific requirements.", "This approach offers numerous benefits for individuals.",
      "Ultimately, the best choice depends on the goals of the team."};

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = ProvwatchCommand.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** 800 tweets per class from 400 accounts, two bot generators: enough test texts of each for a leave-one-out row. */
  private Path syntheticTweets() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Random random = new Random(7);
    List<String> lines = new ArrayList<>(List.of("screen_name;text;account.type;class_type"));
    for (int i = 0; i < 800; i++) {
      lines.add("person" + (i % 400) + ";" + sentences(random, CASUAL) + ";human;human");
      lines.add("bot" + (i % 400) + ";" + sentences(random, ASSISTANT) + ";bot;" + (i % 2 == 0 ? "gpt2" : "rnn"));
    }
    Files.write(data.resolve("tweepfake_train.csv"), lines);
    // a second set in the shared JSONL format, with machine-polished human texts and reviews in French
    List<String> essays = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      // the essay number keeps texts made of the same few sentences apart (exact duplicates are kept once)
      essays.add(jsonl("Essay " + i + ". " + sentences(random, CASUAL), "human", "human", "essay-" + i, "human_essay", false, "English"));
      essays.add(jsonl("Essay " + i + ". " + sentences(random, ASSISTANT), "machine", "gpt-4o", "essay-" + i, "essay", false, "English"));
      if (i % 10 == 0) {
        essays.add(jsonl("Essay " + i + ", polished. " + sentences(random, ASSISTANT), "human", "gpt-4o", "essay-" + i, "polish_human", true, "English"));
        essays.add(jsonl("Le personnel était très aimable et la chambre était propre, mais le petit déjeuner était froid " + i,
            "human", "human", "essay-" + i, "real_review", false, "French"));
      }
    }
    Files.createDirectories(data.resolve("outfox"));
    Files.write(data.resolve("outfox/outfox.jsonl"), essays);
    return data;
  }

  private static String jsonl(String text, String label, String generator, String group, String op, boolean mixed, String lang) {
    return String.format("{\"text\": \"%s\", \"label\": \"%s\", \"generator\": \"%s\", \"domain\": \"student_essay\","
        + " \"group\": \"%s\", \"op\": \"%s\", \"mixed\": %s, \"lang\": \"%s\"}", text, label, generator, group, op, mixed, lang);
  }

  private static String sentences(Random random, String[] pool) {
    StringBuilder text = new StringBuilder();
    while (text.length() < 120) {
      text.append(pool[random.nextInt(pool.length)]).append(' ');
    }
    return text.toString().strip();
  }

  @Test
  void trainThenEvalWritesAModelTheFiguresAsJsonAndTheRocCurvesAsPng() throws Exception {
    Path data = syntheticTweets();
    Path model = dir.resolve("model.bin.gz");
    assertThat(run("model", "train", "--data", data.toString(), "--out", model.toString(), "--min-chars", "40", "--epochs", "3"))
        .as(err.toString()).isZero();
    assertThat(out.toString()).contains("written to").contains("threshold");
    AiTextModel trained = AiTextModel.load(model);
    assertThat(trained.minChars()).isEqualTo(40);
    TextFeatures f = new TextFeatures(trained.hashBits());
    assertThat(trained.probability(f.extract(sentences(new Random(99), ASSISTANT))))
        .isGreaterThan(trained.probability(f.extract(sentences(new Random(99), CASUAL))));

    Path json = dir.resolve("eval.json");
    Path png = dir.resolve("roc.png");
    assertThat(run("model", "eval", "--data", data.toString(), "--model", model.toString(), "--json", json.toString(),
        "--roc-png", png.toString(), "--min-chars", "40", "--epochs", "3")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("per dataset").contains("per generator").contains("leave one generator out")
        .contains("AUROC").contains("TPR@5%");
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.path("model").asText()).isEqualTo(trained.version());
    assertThat(report.path("all").path("auroc").asDouble()).isGreaterThan(0.9);
    assertThat(report.path("leaveOneGeneratorOut")).extracting(n -> n.path("name").asText()).containsExactly("gpt-4o", "gpt2", "rnn");
    assertThat(report.path("leaveOneDatasetOut")).extracting(n -> n.path("name").asText()).containsExactly("outfox", "tweepfake");
    assertThat(report.path("leaveOneDatasetOut")).allSatisfy(row -> assertThat(row.path("humans").asInt()).isPositive());
    assertThat(report.path("mixed")).extracting(n -> n.path("name").asText()).containsExactly("outfox human polish_human");
    assertThat(report.path("languages")).extracting(n -> n.path("name").asText()).contains("en (outfox)", "fr (outfox)");
    assertThat(out.toString()).contains("leave one dataset out").contains("mixed human and machine writing").contains("per language");
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isGreaterThan(image.getHeight());
  }

  @Test
  void trainingTwiceOnTheSameDataGivesTheSameModel() throws Exception {
    Path data = syntheticTweets();
    run("model", "train", "--data", data.toString(), "--out", dir.resolve("a.bin.gz").toString(), "--epochs", "2");
    run("model", "train", "--data", data.toString(), "--out", dir.resolve("b.bin.gz").toString(), "--epochs", "2");
    assertThat(Files.readAllBytes(dir.resolve("a.bin.gz"))).isEqualTo(Files.readAllBytes(dir.resolve("b.bin.gz")));
  }

  @Test
  void aMissingDataDirectoryIsOneClearLineAndExitCode2() {
    int code = run("model", "train", "--data", dir.resolve("missing").toString(), "--out", dir.resolve("m.bin.gz").toString());
    assertThat(code).isEqualTo(CliErrors.CONFIG_ERROR);
    assertThat(err.toString()).startsWith("provwatch: data error: data directory ").contains("does not exist")
        .doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(Files.exists(dir.resolve("m.bin.gz"))).isFalse();
  }
}

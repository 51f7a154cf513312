package io.provwatch.app.aitext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AiTextCorpusTest {
  @TempDir Path dir;
  private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

  private List<LabelledText> read() throws Exception {
    AiTextFixtures.write(dir);
    return AiTextCorpus.read(dir, quiet);
  }

  private static LabelledText find(List<LabelledText> all, String dataset, boolean machine) {
    return all.stream().filter(t -> t.dataset().equals(dataset) && t.machine() == machine).findFirst().orElseThrow();
  }

  @Test
  void tweepfakeBotsAreGroupedWithTheAccountTheyImitateAndQuotedFieldsSurvive() throws Exception {
    List<LabelledText> all = read();
    List<LabelledText> tweets = all.stream().filter(t -> t.source().equals("tweepfake")).toList();
    assertThat(tweets).extracting(LabelledText::generator).containsExactly("human", "rnn", "other-bots", "human");
    assertThat(tweets.get(0).group()).isEqualTo("kevinhooke").isEqualTo(tweets.get(1).group());
    assertThat(tweets.get(2).group()).isEqualTo("imranye");
    assertThat(tweets.get(1).text()).endsWith("with a line break; and a \"quote\"").contains("\n");
    assertThat(tweets.get(0).text()).isEqualTo(AiTextFixtures.HUMAN_1);
  }

  @Test
  void hc3ArtefactsAreRemovedFromBothClassesAndAnswersAreGroupedByQuestion() throws Exception {
    List<LabelledText> all = read();
    LabelledText human = find(all, "hc3/open_qa", false);
    LabelledText machine = find(all, "hc3/open_qa", true);
    assertThat(human.text()).isEqualTo("On 28 June 1914, Archduke Franz Ferdinand of Austria, heir presumptive (the heir), was shot dead in Sarajevo.");
    assertThat(machine.text()).contains("him.\n\nThis").doesNotContain("\\n");
    assertThat(machine.generator()).isEqualTo("chatgpt");
    assertThat(human.group()).isEqualTo(machine.group());
  }

  @Test
  void fastDetectPairsLoseTheirSharedOpeningAndTheSourceDocumentIsOneGroupAcrossGenerators() throws Exception {
    List<LabelledText> all = read();
    List<LabelledText> pairs = all.stream().filter(t -> t.source().equals("fast-detect-gpt")).toList();
    assertThat(pairs).extracting(LabelledText::generator).containsExactly("human", "gpt2-xl", "opt-2.7b");
    assertThat(pairs.get(0).text()).as("cut at the word boundary before the texts differ")
        .isEqualTo("Tuesday. Passengers should check the new times online before travelling.");
    assertThat(pairs.get(1).text()).startsWith("Thursday evening.");
    assertThat(pairs.stream().map(LabelledText::group).distinct()).singleElement();
    assertThat(AiTextCorpus.sharedOpening("the cat sat", "the car sat")).isEqualTo(4);
  }

  @Test
  void gridLabelsDuplicatesAndSplitsAreAsDocumented() throws Exception {
    List<LabelledText> all = read();
    assertThat(find(all, "grid/reddit", true).generator()).isEqualTo("gpt-3.5");
    assertThat(find(all, "grid/reddit", false).text()).endsWith(", \"quoted\"");
    assertThat(all.stream().filter(t -> t.text().equals(AiTextFixtures.HUMAN_2))).as("the duplicate tweet is kept once").hasSize(1);
    Map<String, Set<Split>> splitsByGroup = all.stream().collect(Collectors.groupingBy(t -> t.source() + t.group(),
        Collectors.mapping(Split::of, Collectors.toSet())));
    assertThat(splitsByGroup.values()).allSatisfy(splits -> assertThat(splits).hasSize(1));
  }

  @Test
  void theSharedJsonlFormatKeepsGroupOpMixedAndLanguage() throws Exception {
    List<LabelledText> all = read();
    LabelledText machine = find(all, "detectrl/xsum", true);
    assertThat(machine.generator()).as("generator names are lower-cased across sets").isEqualTo("chatgpt");
    assertThat(machine.group()).isEqualTo("detectrl-g1");
    assertThat(machine.op()).isEqualTo("direct_prompt");
    assertThat(machine.mixed()).isFalse();
    List<LabelledText> humans = all.stream().filter(t -> t.dataset().equals("detectrl/xsum") && !t.machine()).toList();
    assertThat(humans).extracting(LabelledText::mixed).containsExactlyInAnyOrder(false, true);
    assertThat(humans).filteredOn(LabelledText::mixed).singleElement().satisfies(polished -> {
      assertThat(polished.op()).isEqualTo("paraphrase_polish_human");
      assertThat(polished.generator()).as("labelled human as the source has it").isEqualTo(LabelledText.HUMAN);
      assertThat(Evaluation.trainable(polished)).as("mixed texts are kept out of training").isFalse();
    });
    LabelledText review = find(all, "hotel-reviews/hotel_review", false);
    assertThat(review.language()).isEqualTo("fr");
    assertThat(review.text()).contains("\n");
    assertThat(Evaluation.trainable(review)).as("other languages are kept out of training").isFalse();
    assertThat(find(all, "tweepfake", false).language()).isEqualTo(LabelledText.ENGLISH);
  }

  @Test
  void aJsonlLineWithoutAGroupOrWithAnUnknownLabelIsAClearDataError() throws Exception {
    java.nio.file.Files.createDirectories(dir.resolve("outfox"));
    java.nio.file.Files.writeString(dir.resolve("outfox/outfox.jsonl"),
        "{\"text\": \"" + AiTextFixtures.HUMAN_1 + "\", \"label\": \"human\", \"domain\": \"student_essay\"}\n");
    assertThatThrownBy(() -> AiTextCorpus.read(dir, quiet)).isInstanceOf(DataException.class)
        .hasMessageContaining("outfox.jsonl line 1").hasMessageContaining("no group");
    java.nio.file.Files.writeString(dir.resolve("outfox/outfox.jsonl"), "{\"text\": \"x\", \"label\": \"llm\", \"group\": \"g\"}\n");
    assertThatThrownBy(() -> AiTextCorpus.read(dir, quiet)).isInstanceOf(DataException.class)
        .hasMessageContaining("label 'llm' is neither human nor machine");
  }

  @Test
  void aMissingDirectoryOrFolderWithoutDataIsAClearDataError() {
    assertThatThrownBy(() -> AiTextCorpus.read(dir.resolve("nope"), quiet)).isInstanceOf(DataException.class)
        .hasMessageContaining("does not exist").hasMessageContaining("--data");
    assertThatThrownBy(() -> AiTextCorpus.read(dir, quiet)).isInstanceOf(DataException.class).hasMessageContaining("no labelled data");
  }

  @Test
  void theSharedDataReadsIntoAllNineSourcesWithNoGroupOnTwoSidesOfTheSplit() {
    Path shared = AiTextFixtures.sharedData().orElse(null);
    assumeTrue(shared != null, "shared/data/ai-text not found beside the project: skipping the test on the real data sets");
    List<LabelledText> all = AiTextCorpus.read(shared, quiet);
    assertThat(all.stream().map(LabelledText::source).distinct()).containsExactlyInAnyOrder("tweepfake", "hc3", "grid", "fast-detect-gpt",
        "detectrl", "outfox", "mixset", "authormimic", "hotel-reviews");
    assertThat(all.stream().map(LabelledText::language).distinct()).hasSize(10);
    assertThat(all).filteredOn(LabelledText::machine).isNotEmpty();
    assertThat(all).filteredOn(t -> !t.machine()).isNotEmpty();
    Map<String, Set<Split>> splitsByGroup = all.stream().collect(Collectors.groupingBy(t -> t.source() + t.group(),
        Collectors.mapping(Split::of, Collectors.toSet())));
    assertThat(splitsByGroup.values()).allSatisfy(splits -> assertThat(splits).hasSize(1));
    assertThat(all.stream().map(Split::of).distinct()).containsExactlyInAnyOrder(Split.values());
  }
}

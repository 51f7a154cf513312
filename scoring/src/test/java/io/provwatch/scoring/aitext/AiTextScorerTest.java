package io.provwatch.scoring.aitext;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Author;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.SignalResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scorer with the shipped model, on texts written for this test (no shared data needed). */
class AiTextScorerTest {
  private final AiTextScorer scorer = new AiTextScorer();

  private static double probability(SignalResult r) {
    return Double.parseDouble(r.evidence().get("probability"));
  }

  @Test
  void handWrittenHumanPostsAreJudgedHumanAndAddNothingToTheRisk() {
    for (String text : HandWrittenTexts.HUMAN) {
      SignalResult r = scorer.judge(text, null);
      assertThat(r.evidence()).as(text).containsEntry("verdict", "human-written");
      assertThat(r.score()).as("below the threshold the signal is silent: %s", text).isZero();
      assertThat(probability(r)).as(text).isLessThan(scorer.model().threshold());
      assertThat(r.reasons().get(0)).startsWith("probably human-written");
    }
  }

  @Test
  void assistantStyleParagraphsScoreAboveEveryHumanPostAndMostAreFlagged() {
    double highestHuman = HandWrittenTexts.HUMAN.stream().mapToDouble(t -> probability(scorer.judge(t, null))).max().orElseThrow();
    int flagged = 0;
    for (String text : HandWrittenTexts.MACHINE) {
      SignalResult r = scorer.judge(text, null);
      assertThat(probability(r)).as(text).isGreaterThan(highestHuman).isGreaterThan(0.5);
      if (r.evidence().get("verdict").equals("machine-written")) {
        flagged++;
        assertThat(r.score()).as("a flagged text scores its probability").isEqualTo(probability(r));
        assertThat(r.reasons().get(0)).startsWith("likely machine-written");
      }
    }
    assertThat(flagged).as("machine-like paragraphs past the threshold").isGreaterThanOrEqualTo(4);
  }

  @Test
  void reasonsNameTheThreeFeaturesThatMovedTheScoreMostInPlainWords() {
    SignalResult r = scorer.judge(HandWrittenTexts.MACHINE.get(1), null);
    assertThat(r.reasons()).hasSize(4);
    assertThat(r.reasons().subList(1, 4)).allSatisfy(reason -> assertThat(reason).matches(".+ \\(points to (machine|human)-written text\\)"));
    assertThat(r.reasons()).anySatisfy(reason -> assertThat(reason).contains("wording such as '"));
    assertThat(r.evidence().get("topFeatures").split(",")).hasSize(3);
    assertThat(r.evidence()).containsEntry("model", scorer.model().version()).containsKeys("threshold", "probability");
  }

  @Test
  void theSameTextAlwaysGetsTheSameResultAcrossCallsInstancesAndThreads() throws Exception {
    String text = HandWrittenTexts.MACHINE.get(2);
    SignalResult first = scorer.judge(text, null);
    scorer.judge(HandWrittenTexts.HUMAN.get(0), null); // reused buffers must not leak between texts
    assertThat(scorer.judge(text, null)).isEqualTo(first);
    assertThat(new AiTextScorer(AiTextModel.defaultModel()).judge(text, null)).isEqualTo(first);
    SignalResult[] onOtherThread = new SignalResult[1];
    Thread thread = new Thread(() -> onOtherThread[0] = scorer.judge(text, null));
    thread.start();
    thread.join();
    assertThat(onOtherThread[0]).isEqualTo(first);
  }

  @Test
  void aTextBelowTheMinimumLengthIsTooShortToJudgeAndDoesNotMoveTheRisk() {
    SignalResult r = scorer.judge("It is important to note that this is short. Overall, it is brief.", null);
    assertThat(r.score()).isZero();
    assertThat(r.reasons()).singleElement().asString().startsWith("too short to judge").contains("at least " + scorer.model().minChars());
    assertThat(r.evidence()).containsEntry("verdict", "too-short").doesNotContainKey("probability");
  }

  @Test
  void linksAndMentionsDoNotCountTowardsTheLength() {
    String padding = " https://example.org/a/very/long/link/that/is/not/text/at/all/" + "x".repeat(200) + " @someone_with_a_long_handle";
    SignalResult r = scorer.judge("Look at this." + padding, null);
    assertThat(r.evidence()).containsEntry("verdict", "too-short").containsEntry("textChars", "11");
  }

  @Test
  void otherLanguagesAreReportedAsUnsupportedRatherThanGuessed() {
    String german = "Gestern waren wir mit den Kindern am See, und es war einfach herrlich. Das Wasser war noch kalt, aber die"
        + " Kleinen sind trotzdem reingesprungen. Danach gab es Kuchen bei Oma, die sich sehr über den Besuch gefreut hat. Wir"
        + " fahren bestimmt bald wieder hin, wenn das Wetter so bleibt.";
    SignalResult r = scorer.judge(german, null);
    assertThat(r.score()).isZero();
    assertThat(r.evidence()).containsEntry("verdict", "unsupported-language");
    assertThat(r.reasons()).singleElement().asString().contains("German").contains("English only");

    String russian = "Вчера мы ходили с детьми на озеро, и это было просто замечательно. Вода была ещё холодной, но малыши всё"
        + " равно прыгали в неё. Потом мы пили чай с пирогом у бабушки, которая очень обрадовалась нашему приезду и долго"
        + " рассказывала истории.";
    assertThat(scorer.judge(russian, null).reasons()).singleElement().asString().contains("Cyrillic script");

    SignalResult declared = scorer.judge(HandWrittenTexts.MACHINE.get(0), "fr");
    assertThat(declared.evidence()).containsEntry("verdict", "unsupported-language");
    assertThat(declared.reasons()).singleElement().asString().contains("'fr' (declared by the platform)");
    SignalResult detected = scorer.judge(HandWrittenTexts.MACHINE.get(0), "fr", 0.23);
    assertThat(detected.reasons()).singleElement().asString()
        .contains("'fr' (detected from the text, confidence 0.23)").doesNotContain("declared");
    assertThat(scorer.judge(HandWrittenTexts.MACHINE.get(0), "en-GB").evidence()).doesNotContainEntry("verdict", "unsupported-language");
  }

  @Test
  void scoresAPostThroughTheScorerInterface() {
    Post post = Post.newBuilder().setId("mastodon:1").setPlatform("mastodon").setAuthor(Author.newBuilder().setId("a").build())
        .setCreatedAt(Instant.EPOCH).setObservedAt(Instant.EPOCH).setText(HandWrittenTexts.MACHINE.get(1)).setLanguage("en")
        .setSource(SourcePosition.newBuilder().setConnector("t").setPosition("1").build()).build();
    SignalResult r = scorer.score(PostContext.alone(post));
    assertThat(scorer.name()).isEqualTo("ai-text");
    assertThat(r).isEqualTo(scorer.judge(post.getText(), "en"));
    assertThat(r.score()).isPositive();
    assertThat(scorer.score(PostContext.alone(Post.newBuilder(post).setText("").build())).evidence()).containsEntry("verdict", "too-short");
  }

  @Test
  void handWrittenTextsAreLongEnoughToBeJudged() {
    List<String> all = new java.util.ArrayList<>(HandWrittenTexts.HUMAN);
    all.addAll(HandWrittenTexts.MACHINE);
    TextFeatures f = new TextFeatures(scorer.model().hashBits());
    assertThat(all).allSatisfy(t -> assertThat(f.extract(t).textChars()).isGreaterThanOrEqualTo(scorer.model().minChars()));
  }
}

package io.provwatch.benchmarks;

import io.provwatch.scoring.SignalResult;
import io.provwatch.scoring.aitext.AiTextModel;
import io.provwatch.scoring.aitext.AiTextScorer;
import io.provwatch.scoring.aitext.TextFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The first-tier AI-text detector on 280-character posts (the length limit of X, above the model's
 * minimum so that every post is judged): the whole scorer (features, language check, calibrated
 * probability, reasons) and the feature extraction alone.
 */
@State(Scope.Thread)
public class AiTextScorerBenchmark extends PerPostBenchmark {
  private static final int MIX = 256;
  private static final String[] SENTENCES = {
      "The ferry timetable changes from Monday because of the harbour works.",
      "honestly i did not expect the council to approve it this fast lol",
      "It is important to note that public transport plays a significant role in reducing emissions.",
      "Additionally, the new route will connect the old harbour district with the university campus.",
      "We waited forty minutes in the rain and the bus never came!!",
      "Overall, the initiative represents a meaningful step towards a more sustainable future.",
      "My neighbour says the pitch of the roof is wrong, but it does not leak anymore.",
      "Residents can share their views at the town hall on Thursday evening."};

  private final List<String> posts = new ArrayList<>();
  private AiTextScorer scorer;
  private TextFeatures features;
  private int next;

  @Setup
  public void setUp() {
    scorer = new AiTextScorer(AiTextModel.defaultModel());
    features = new TextFeatures(scorer.model().hashBits());
    Random random = new Random(42);
    for (int i = 0; i < MIX; i++) {
      StringBuilder post = new StringBuilder(300);
      while (post.length() < 280) {
        post.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
      }
      posts.add(post.substring(0, 280));
    }
  }

  @Benchmark
  public SignalResult score() {
    return scorer.judge(posts.get(next++ & (MIX - 1)), null);
  }

  @Benchmark
  public double features() {
    return features.extract(posts.get(next++ & (MIX - 1))).dense()[0];
  }
}

package io.provwatch.app;

import io.provwatch.app.alertbudget.EvalPost;
import io.provwatch.app.reference.LiarTsvImporter;
import io.provwatch.avro.Alert;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.Post;
import io.provwatch.ingest.PostPublisher;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.TopicTail;
import io.provwatch.platform.topics.Topics;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The real pipeline for {@code eval alerts}: a temporary embedded broker and registry on free ports,
 * the demo's stages (media, scoring with the sample's claim bank and domains, sink), the posts
 * published in order of publication time, and every alert change read back once every post is assessed
 * and the sink has caught up and gone quiet.
 */
final class AlertBudgetPipeline {
  /** Quiet time after catching up before the alerts read are taken as all (internal topics drain after the inputs). */
  private static final Duration SETTLE = Duration.ofSeconds(5);

  private AlertBudgetPipeline() {}

  /**
   * @param requested the configuration; its alert policy is what is measured. The run lists every post of
   *     an alert ({@code sink.alert.max.post.ids} at its maximum), which changes no decision
   * @param waves the posts, in waves: each wave is published once the one before is assessed, as copies
   *     arrive after their originals (within a wave, posts on different partitions may be scored in any order)
   * @param liarPlus a LIAR-PLUS file to add to the claim bank, or null
   */
  static List<Alert> run(ProvwatchConfig requested, List<List<EvalPost>> waves, Path liarPlus, Duration timeout, PrintWriter err)
      throws Exception {
    ProvwatchConfig listed = requested.with(Map.of(ProvwatchConfig.SINK_ALERT_MAX_POST_IDS, "10000"));
    try (TemporaryPlatform platform = TemporaryPlatform.start(listed, "eval-alerts")) {
      ProvwatchConfig config = platform.config();
      if (liarPlus != null) {
        try (Reader in = Files.newBufferedReader(liarPlus, StandardCharsets.UTF_8)) {
          ReferenceImportCommands.load(config, new LiarTsvImporter(), Topics.FACTCHECKS, in, liarPlus.getFileName().toString(), err);
        }
      }
      try (PipelineStages stages = PipelineStages.start(config, config, true, err);
          PostPublisher publisher = new PostPublisher(config, Clock.systemUTC());
          PipelineCatchUp catchUp = new PipelineCatchUp(config, stages::postsAwaitingMedia);
          TopicTail<Assessment> assessments = new TopicTail<>(config, Topics.ASSESSMENTS, "provwatch-eval-assessments").seek(true);
          TopicTail<Alert> alerts = new TopicTail<>(config, Topics.ALERTS, "provwatch-eval-alerts").seek(true)) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> assessed = new HashSet<>();
        int published = 0;
        for (List<EvalPost> wave : waves) {
          publish(publisher, wave);
          published += wave.size();
          err.printf("eval alerts: %,d posts published; waiting until they are assessed%n", published);
          err.flush();
          awaitAssessments(assessments, assessed, published, deadline, timeout);
        }
        List<Alert> changes = new ArrayList<>();
        alerts.follow(Long.MAX_VALUE, SETTLE, catchUp::caughtUp, () -> System.nanoTime() < deadline, changes::add);
        if (System.nanoTime() >= deadline) {
          throw new TimeoutException("the sink did not catch up within " + timeout.toSeconds() + " s (--timeout)");
        }
        return changes;
      }
    }
  }

  /**
   * Reads assessments until {@code posts} posts have one: scoring takes posts off their topic long before
   * it has assessed them (coordination and media run on internal topics), so the consumer lag cannot say.
   */
  private static void awaitAssessments(TopicTail<Assessment> assessments, Set<String> assessed, int posts, long deadline, Duration timeout)
      throws TimeoutException {
    assessments.follow(Long.MAX_VALUE, null, () -> assessed.size() < posts && System.nanoTime() < deadline, a -> assessed.add(a.getPostId()));
    if (assessed.size() < posts) {
      throw new TimeoutException(assessed.size() + " of " + posts + " posts assessed after " + timeout.toSeconds() + " s (--timeout)");
    }
  }

  /** Publishes in order of publication time, as a stream would bring them, and waits until all are written. */
  private static void publish(PostPublisher publisher, List<EvalPost> posts) throws Exception {
    List<CompletableFuture<Void>> sent = new ArrayList<>(posts.size());
    posts.stream().map(EvalPost::post).sorted(Comparator.comparing(Post::getCreatedAt).thenComparing(Post::getId))
        .forEach(post -> sent.add(publisher.publish(post)));
    publisher.flush();
    CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
  }
}

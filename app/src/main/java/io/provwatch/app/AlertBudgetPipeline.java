package io.provwatch.app;

import io.provwatch.app.alertbudget.EvalPost;
import io.provwatch.app.reference.LiarTsvImporter;
import io.provwatch.app.reference.ReferenceImport;
import io.provwatch.avro.Alert;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.FactCheck;
import io.provwatch.avro.Post;
import io.provwatch.ingest.PostPublisher;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.topics.TopicTail;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.coordination.CoShareStep;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The real pipeline for {@code eval alerts}: a temporary embedded broker and registry on free ports,
 * the demo's stages (media, scoring with the sample's claim bank and domains, sink), the posts
 * published in order of publication time, and every alert change read back once every post is assessed
 * and the sink has caught up and gone quiet.
 */
final class AlertBudgetPipeline {
  /** Quiet time after catching up before the alerts read are taken as all (internal topics drain after the inputs). */
  private static final Duration SETTLE = Duration.ofSeconds(5);
  private static final Duration DRAIN_CHECK = Duration.ofMillis(500);

  private AlertBudgetPipeline() {}

  /**
   * What a run gives back.
   *
   * @param changes every alert change
   * @param tooLateShares shares the coordination branch did not compare, published longer than its retention
   *     before the newest share it had seen (metric {@code too-late-shares-total})
   */
  record Run(List<Alert> changes, long tooLateShares) {}

  /**
   * @param requested the configuration; its alert policy is what is measured. The run lists every post of
   *     an alert ({@code sink.alert.max.post.ids} at its maximum), which changes no decision
   * @param waves the posts, in waves: each wave is published once the one before is assessed and every
   *     step of the pipeline has drained, as a stream brings posts in time (copies after their originals;
   *     an old slice before newer posts, whose shares would otherwise reach the coordination branch after
   *     newer ones, beyond its retention). Within a wave, posts on different partitions may be scored in any order
   * @param liarPlus a LIAR-PLUS file to add to the claim bank, or null
   * @param claims more claims to add to the claim bank
   */
  static Run run(ProvwatchConfig requested, List<List<EvalPost>> waves, Path liarPlus, List<FactCheck> claims, Duration timeout,
      PrintWriter err) throws Exception {
    ProvwatchConfig listed = requested.with(Map.of(ProvwatchConfig.SINK_ALERT_MAX_POST_IDS, "10000"));
    try (TemporaryPlatform platform = TemporaryPlatform.start(listed, "eval-alerts")) {
      ProvwatchConfig config = platform.config();
      keepForever(config);
      if (liarPlus != null) {
        try (Reader in = Files.newBufferedReader(liarPlus, StandardCharsets.UTF_8)) {
          ReferenceImportCommands.load(config, new LiarTsvImporter(), Topics.FACTCHECKS, in, liarPlus.getFileName().toString(), err);
        }
      }
      loadClaims(config, claims);
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
          awaitDrained(catchUp, deadline, timeout);
        }
        List<Alert> changes = new ArrayList<>();
        alerts.follow(Long.MAX_VALUE, SETTLE, catchUp::caughtUp, () -> System.nanoTime() < deadline, changes::add);
        if (System.nanoTime() >= deadline) {
          throw new TimeoutException("the sink did not catch up within " + timeout.toSeconds() + " s (--timeout)");
        }
        return new Run(changes, tooLateShares(stages.scoring()));
      }
    }
  }

  /** The coordination branch's too-late shares, summed over its tasks. */
  private static long tooLateShares(StreamsStage scoring) {
    return Math.round(scoring.streams().metrics().entrySet().stream()
        .filter(m -> m.getKey().name().equals(CoShareStep.TOO_LATE_OPERATION + "-total"))
        .mapToDouble(m -> ((Number) m.getValue().metricValue()).doubleValue()).sum());
  }

  /** Waits until two checks in a row find every step drained (a check reads topics one after the other). */
  private static void awaitDrained(PipelineCatchUp catchUp, long deadline, Duration timeout) throws InterruptedException, TimeoutException {
    int inARow = 0;
    while (inARow < 2) {
      if (System.nanoTime() >= deadline) {
        throw new TimeoutException("the pipeline did not drain within " + timeout.toSeconds() + " s (--timeout)");
      }
      inARow = catchUp.drained() ? inARow + 1 : 0;
      Thread.sleep(DRAIN_CHECK.toMillis());
    }
  }

  /**
   * The eval publishes history (posts of 2005 to 2026, the German slice of 2021) whose record times are
   * its publication times, and so are those of the assessments and alerts made of it: with the
   * catalog's 30-day retention the broker deletes them by their timestamps at its next retention check,
   * possibly before the sink or this reader got to them. In this throw-away cluster nothing expires.
   */
  private static void keepForever(ProvwatchConfig config) throws Exception {
    try (Admin admin = Admin.create(config.kafkaClientProperties())) {
      Map<ConfigResource, Collection<AlterConfigOp>> ops = new HashMap<>();
      for (String topic : admin.listTopics().names().get()) {
        ops.put(new ConfigResource(ConfigResource.Type.TOPIC, topic),
            List.of(new AlterConfigOp(new ConfigEntry(TopicConfig.RETENTION_MS_CONFIG, "-1"), AlterConfigOp.OpType.SET)));
      }
      admin.incrementalAlterConfigs(ops).all().get();
    }
  }

  /** Publishes {@code claims} to the claim bank and waits until all are written. */
  private static void loadClaims(ProvwatchConfig config, List<FactCheck> claims) throws Exception {
    if (claims.isEmpty()) {
      return;
    }
    try (KafkaProducer<String, FactCheck> producer = ReferenceImport.producer(config, Topics.FACTCHECKS)) {
      List<Future<RecordMetadata>> sent = new ArrayList<>(claims.size());
      for (FactCheck claim : claims) {
        sent.add(producer.send(new ProducerRecord<>(Topics.FACTCHECKS.name(), claim.getId(), claim)));
      }
      producer.flush();
      for (Future<RecordMetadata> s : sent) {
        s.get();
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

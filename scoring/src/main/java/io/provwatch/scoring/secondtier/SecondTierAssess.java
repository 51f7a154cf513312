package io.provwatch.scoring.secondtier;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.PostInContext;
import io.provwatch.avro.Signal;
import io.provwatch.scoring.PostAssessor;
import io.provwatch.scoring.SignalResult;
import io.provwatch.scoring.aitext.AiTextScorer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assess step with the second tier on: every post's first-tier assessment is forwarded at once;
 * a post whose {@code ai-text} score reaches the threshold is also sent to the external detector
 * through {@link SecondTierClient}, which never blocks this stream thread. Answers are queued and
 * forwarded by a wall-clock punctuation (every {@link #DRAIN_INTERVAL}) as an updated assessment of
 * the same post: its signals plus {@value #SIGNAL}, the risk combined again, and the detector named in
 * the model version. A call that is skipped, fails or times out leaves the first-tier assessment as
 * it is.
 *
 * <p>Known limit: the second tier is best effort. Answers still in flight when the task closes
 * (rebalance, shutdown, crash) are dropped, and a replay asks the detector again.
 */
public final class SecondTierAssess implements Processor<String, PostInContext, String, Assessment> {
  public static final String SIGNAL = "ai-text-second-tier";
  static final Duration DRAIN_INTERVAL = Duration.ofMillis(100);
  private static final Logger LOG = LoggerFactory.getLogger(SecondTierAssess.class);

  private final PostAssessor assessor;
  private final SecondTierClient client;
  private final ConcurrentLinkedQueue<Record<String, Assessment>> answered = new ConcurrentLinkedQueue<>();
  private ProcessorContext<String, Assessment> context;
  private volatile boolean closed;

  public SecondTierAssess(PostAssessor assessor, SecondTierClient client) {
    this.assessor = assessor;
    this.client = client;
  }

  @Override
  public void init(ProcessorContext<String, Assessment> context) {
    this.context = context;
    context.schedule(DRAIN_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> drain());
  }

  @Override
  public void process(Record<String, PostInContext> record) {
    Assessment first = assessor.assess(record.value());
    context.forward(record.withValue(first));
    double firstTier = firstTierScore(first);
    if (firstTier > 0 && firstTier >= client.settings().threshold()) {
      String postId = first.getPostId();
      client.submit(postId, record.value().getPost().getText()).thenAccept(outcome -> {
        if (closed) {
          return;
        }
        if (outcome instanceof SecondTierClient.Scored scored) {
          answered.add(new Record<>(record.key(), updated(first, scored, firstTier), record.timestamp()));
        } else if (outcome instanceof SecondTierClient.Failed failed) {
          LOG.warn("second tier failed for post {}: {}", postId, failed.reason());
        } else if (outcome instanceof SecondTierClient.Skipped skipped) {
          LOG.debug("second tier skipped post {}: {}", postId, skipped.reason());
        }
      });
    }
  }

  private Assessment updated(Assessment first, SecondTierClient.Scored scored, double firstTier) {
    SignalResult signal = new SignalResult(scored.score(), List.of(String.format(Locale.ROOT,
        "second-tier detector %s: machine-written probability %.2f (first tier %.2f)", scored.model(), scored.score(), firstTier)),
        Map.of("model", scored.model(), "endpoint", client.settings().endpoint().getHost(),
            "firstTierScore", String.format(Locale.ROOT, "%.4f", firstTier)));
    return assessor.withSignal(first, SIGNAL, signal, "+tier2-" + scored.model().replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  private static double firstTierScore(Assessment assessment) {
    for (Signal signal : assessment.getSignals()) {
      if (signal.getName().equals(AiTextScorer.NAME)) {
        return signal.getScore();
      }
    }
    return 0;
  }

  /** Forwards the answers that came since the last punctuation, on the stream thread. */
  void drain() {
    for (Record<String, Assessment> record = answered.poll(); record != null; record = answered.poll()) {
      context.forward(record);
    }
  }

  @Override
  public void close() {
    closed = true;
    answered.clear();
  }
}

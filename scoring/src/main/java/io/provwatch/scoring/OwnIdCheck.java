package io.provwatch.scoring;

import io.provwatch.avro.Post;
import io.provwatch.avro.PostInContext;
import io.provwatch.platform.streams.LatestByKey;
import io.provwatch.platform.streams.StepClock;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Where a post's own id lives: marks it seen (with a digest of its content, {@link PostContent}) and
 * sends it on, under its referenced id to the {@link ReferenceLookup} when it reposts or quotes, else
 * under its text fingerprint to the copy check. The same id again with the same content is a repeat
 * (a client's retry, a connector's replay after a crash): it is not scored again, and is counted
 * ({@value #REPEATED_OPERATION}-total); with other content it is an edit: scored again, counted
 * ({@value #EDITED_OPERATION}-total). Either way it leaves at once and holds no other post back. A post
 * is remembered for the retention from when this step's {@link StepClock} first saw it (an edit starts
 * the time again).
 */
final class OwnIdCheck implements Processor<String, PostInContext, String, PostInContext> {
  /** Metric group of the counters (as Streams prefixes it: {@code stream-provwatch-scoring-metrics}). */
  static final String METRICS_SCOPE = "provwatch-scoring";
  static final String REPEATED_OPERATION = "repeated-posts";
  static final String EDITED_OPERATION = "edited-posts";

  private final String storeName;
  private final long retentionMs;
  private final StepClock clock = new StepClock();
  private ProcessorContext<String, PostInContext> context;
  private LatestByKey<Long> seen;
  private Sensor repeated;
  private Sensor edited;

  OwnIdCheck(String storeName, long retentionMs) {
    this.storeName = storeName;
    this.retentionMs = retentionMs;
  }

  @Override
  public void init(ProcessorContext<String, PostInContext> context) {
    this.context = context;
    WindowStore<String, Long> store = context.getStateStore(storeName);
    this.seen = new LatestByKey<>(store, clock, retentionMs);
    String task = context.taskId().toString();
    this.repeated = context.metrics().addRateTotalSensor(METRICS_SCOPE, task, REPEATED_OPERATION, Sensor.RecordingLevel.INFO);
    this.edited = context.metrics().addRateTotalSensor(METRICS_SCOPE, task, EDITED_OPERATION, Sensor.RecordingLevel.INFO);
  }

  @Override
  public void process(Record<String, PostInContext> record) {
    clock.advance(record.timestamp());
    Post post = record.value().getPost();
    long content = PostContent.digest(post);
    Long before = seen.get(post.getId());
    if (before != null && before == content) {
      repeated.record();
      return;
    }
    if (before != null) {
      edited.record();
    }
    seen.put(post.getId(), content);
    String referenced = PostContext.referencedId(post);
    if (referenced != null && !referenced.equals(post.getId())) {
      context.forward(record.withKey(referenced));
    } else {
      context.forward(record.withKey(CopyCheck.keyOf(post)));
    }
  }
}

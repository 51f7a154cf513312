package io.provwatch.scoring;

import io.provwatch.avro.PostInContext;
import io.provwatch.platform.streams.LatestByKey;
import io.provwatch.platform.streams.StepClock;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Where a referenced id lives (the same task as {@link OwnIdCheck}, which marks ids seen there): tells
 * a repost or quote whether its original was seen within the retention, by this step's
 * {@link StepClock}, and sends it on under its text fingerprint to the copy check.
 */
final class ReferenceLookup implements Processor<String, PostInContext, String, PostInContext> {
  private final String storeName;
  private final long retentionMs;
  private final StepClock clock = new StepClock();
  private ProcessorContext<String, PostInContext> context;
  private LatestByKey<Long> seen;

  ReferenceLookup(String storeName, long retentionMs) {
    this.storeName = storeName;
    this.retentionMs = retentionMs;
  }

  @Override
  public void init(ProcessorContext<String, PostInContext> context) {
    this.context = context;
    WindowStore<String, Long> store = context.getStateStore(storeName);
    this.seen = new LatestByKey<>(store, clock, retentionMs);
  }

  @Override
  public void process(Record<String, PostInContext> record) {
    clock.advance(record.timestamp());
    PostInContext in = record.value();
    in.setReferenceSeen(seen.contains(record.key()));
    context.forward(record.withKey(CopyCheck.keyOf(in.getPost())));
  }
}

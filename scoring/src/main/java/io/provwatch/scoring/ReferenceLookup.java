package io.provwatch.scoring;

import io.provwatch.avro.Post;
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
  /** Key prefix of posts with no fingerprint: they still pass through the copy check, alone. */
  static final String NO_FINGERPRINT = "id:";

  private final String storeName;
  private final long retentionMs;
  private final StepClock clock = new StepClock();
  private ProcessorContext<String, PostInContext> context;
  private LatestByKey<Long> seen;

  ReferenceLookup(String storeName, long retentionMs) {
    this.storeName = storeName;
    this.retentionMs = retentionMs;
  }

  /** The copy check's key of a post: its text fingerprint, or its id when its text has none. */
  static String fingerprintKey(Post post) {
    return TextFingerprint.of(post.getText()).orElse(NO_FINGERPRINT + post.getId());
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
    context.forward(record.withKey(fingerprintKey(in.getPost())));
  }
}

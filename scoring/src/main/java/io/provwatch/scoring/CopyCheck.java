package io.provwatch.scoring;

import io.provwatch.avro.FirstSeen;
import io.provwatch.avro.Post;
import io.provwatch.avro.PostInContext;
import io.provwatch.platform.streams.LatestByKey;
import io.provwatch.platform.streams.StepClock;
import io.provwatch.scoring.similarity.TextFingerprint;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Where a text fingerprint lives: remembers the first post of each fingerprint, whole, and tells later
 * posts of the text about it ({@link PostInContext#getEarlierCopy()}). Of equal texts the original is
 * the one published first ({@link #precedes}). The outcome does not depend on the order in which the
 * posts arrive: when a post turns out to precede the held first (its partition lagged, it was imported
 * late), it becomes the first and the post it displaces is sent on once more, now with the earlier
 * copy set, so it is scored again as a copy (its new assessment replaces the first in the explain API,
 * the sink opens or updates its alert) and counted ({@value #LATE_ORIGINALS_OPERATION}-total). Which
 * earlier post a copy names may depend on the order; that it is flagged, and that the original is not,
 * does not. A first is remembered for the retention from when it became the first (or was edited) by
 * this step's {@link StepClock}; after that the next post of the text is no copy but the new first.
 */
final class CopyCheck implements Processor<String, PostInContext, String, PostInContext> {
  static final String LATE_ORIGINALS_OPERATION = "late-originals";
  /** Key prefix of posts with no fingerprint: they still pass through the copy check, alone. */
  private static final String NO_FINGERPRINT = "id:";

  private final String storeName;
  private final long retentionMs;
  private final long backdateToleranceMs;
  private final StepClock clock = new StepClock();
  private ProcessorContext<String, PostInContext> context;
  private LatestByKey<PostInContext> firsts;
  private Sensor lateOriginals;

  CopyCheck(String storeName, long retentionMs, long backdateToleranceMs) {
    this.storeName = storeName;
    this.retentionMs = retentionMs;
    this.backdateToleranceMs = backdateToleranceMs;
  }

  /** The key a post is sent to this step under: its text fingerprint, or its id when its text has none. */
  static String keyOf(Post post) {
    return TextFingerprint.of(post.getText()).orElse(NO_FINGERPRINT + post.getId());
  }

  @Override
  public void init(ProcessorContext<String, PostInContext> context) {
    this.context = context;
    WindowStore<String, PostInContext> store = context.getStateStore(storeName);
    this.firsts = new LatestByKey<>(store, clock, retentionMs);
    this.lateOriginals = context.metrics().addRateTotalSensor(OwnIdCheck.METRICS_SCOPE, context.taskId().toString(),
        LATE_ORIGINALS_OPERATION, Sensor.RecordingLevel.INFO);
  }

  @Override
  public void process(Record<String, PostInContext> record) {
    clock.advance(record.timestamp());
    PostInContext in = record.value();
    Post post = in.getPost();
    PostInContext displaced = null;
    if (!record.key().startsWith(NO_FINGERPRINT) && !Reshares.isReshare(post)) {
      PostInContext held = firsts.get(record.key()); // null once expired, whether or not its segment is dropped yet
      boolean sameId = held != null && held.getPost().getId().equals(post.getId());
      FirstSeen first = held == null || sameId ? null : firstSeen(held.getPost());
      if (first == null || precedes(post, first, backdateToleranceMs)) {
        // the first of its text from now on (no earlier copy: only this step sets one; the store serializes it on put);
        // an edit of the first replaces it, so a later correction scores what it says now
        firsts.put(record.key(), in);
        displaced = first == null ? null : held;
      } else {
        in.setEarlierCopy(first);
      }
    }
    context.forward(record.withKey(post.getId()).withValue(in));
    if (displaced != null) {
      // scored before its original arrived: scored again as its copy, with its own input's lineage and timestamp
      displaced.setEarlierCopy(firstSeen(post));
      lateOriginals.record();
      context.forward(new Record<>(displaced.getPost().getId(), displaced, displaced.getInputTimestamp().toEpochMilli()));
    }
  }

  private static FirstSeen firstSeen(Post post) {
    return FirstSeen.newBuilder().setPostId(post.getId()).setAuthorId(post.getAuthor().getId())
        .setCreatedAt(post.getCreatedAt()).setObservedAt(post.getObservedAt()).build();
  }

  /**
   * Whether {@code post} is the original rather than {@code first}. When provwatch read the two
   * within {@code toleranceMs} of each other, the earlier {@code createdAt} is; otherwise the one read
   * first is, whatever the other claims: a text read well after another that claims an earlier
   * {@code createdAt} is a backdated copy, in whichever order the two are processed. Of two published
   * in the same millisecond (platforms with second-resolution times), the smaller id, so that the
   * order of arrival never decides.
   */
  static boolean precedes(Post post, FirstSeen first, long toleranceMs) {
    if (first.getObservedAt() != null) {
      long readLater = post.getObservedAt().toEpochMilli() - first.getObservedAt().toEpochMilli();
      if (Math.abs(readLater) > toleranceMs) {
        return readLater < 0;
      }
    }
    int published = post.getCreatedAt().compareTo(first.getCreatedAt());
    return published < 0 || published == 0 && post.getId().compareTo(first.getPostId()) < 0;
  }
}

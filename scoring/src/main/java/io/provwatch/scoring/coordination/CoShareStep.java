package io.provwatch.scoring.coordination;

import io.provwatch.avro.CoShare;
import io.provwatch.avro.CoShareBatch;
import io.provwatch.avro.ShareBatch;
import io.provwatch.avro.ShareObject;
import io.provwatch.avro.StoredShare;
import io.provwatch.platform.streams.StepClock;
import io.provwatch.scoring.similarity.MinHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Under a group key: each share of an object is compared with the object's shares published at most
 * the time window before or after it (CooRTweet's co-shares), whatever order they arrived in, and
 * then kept. Each pair of shares is found once, by whichever of the two arrives second, so the
 * co-shares found do not depend on arrival order or partition count. Shares are kept in a window
 * store by publication time for {@code retentionMs} behind the newest share seen (the store drops
 * older segments as a whole); a share older than that is counted as too late and not compared. The
 * same post again (a redelivery, a client's retry) is compared again but stored once: the pair step
 * counts distinct repetitions, so a repeat adds nothing.
 */
public final class CoShareStep implements ProcessorSupplier<String, ShareBatch, String, CoShareBatch> {
  /** Shares of each object, by publication time. */
  public static final String SHARES_STORE = "coordination-shares";
  /** Metric group (as Streams prefixes it: {@code stream-provwatch-coordination-metrics}) of the too-late counter. */
  public static final String METRICS_SCOPE = "provwatch-coordination";
  /** Streams metric {@code too-late-shares-total}: shares published longer than the retention before the newest share seen. */
  public static final String TOO_LATE_OPERATION = "too-late-shares";

  private final CoordinationSettings settings;
  private final Serde<StoredShare> storedShares;

  public CoShareStep(CoordinationSettings settings, Serde<StoredShare> storedShares) {
    this.settings = settings;
    this.storedShares = storedShares;
  }

  @Override
  public Set<StoreBuilder<?>> stores() {
    // duplicates retained: shares of one object published in the same millisecond are all kept
    return Set.of(Stores.windowStoreBuilder(Stores.persistentWindowStore(SHARES_STORE, Duration.ofMillis(settings.retentionMs()),
        Duration.ofMillis(1), true), Serdes.String(), storedShares));
  }

  @Override
  public Processor<String, ShareBatch, String, CoShareBatch> get() {
    return new Step(settings);
  }

  private static final class Step implements Processor<String, ShareBatch, String, CoShareBatch> {
    private final CoordinationSettings settings;
    private final ShareGroups groups;
    private final StepClock clock = new StepClock();
    private ProcessorContext<String, CoShareBatch> context;
    private WindowStore<String, StoredShare> shares;
    private Sensor tooLate;

    Step(CoordinationSettings settings) {
      this.settings = settings;
      this.groups = new ShareGroups(settings.groups());
    }

    @Override
    public void init(ProcessorContext<String, CoShareBatch> context) {
      this.context = context;
      this.shares = context.getStateStore(SHARES_STORE);
      this.tooLate = context.metrics().addRateTotalSensor(METRICS_SCOPE, context.taskId().toString(), TOO_LATE_OPERATION,
          Sensor.RecordingLevel.INFO);
    }

    @Override
    public void process(Record<String, ShareBatch> record) {
      ShareBatch batch = record.value();
      // window stores keep non-negative times; a post claiming to predate 1970 is compared as if from 1970
      long createdAt = Math.max(0, batch.getCreatedAt());
      if (clock.isExpired(createdAt, settings.retentionMs())) {
        tooLate.record(batch.getObjects().size());
        return;
      }
      // one co-share per (pair, repetition): the bands of one text find the same partner post several times
      Map<String, CoShare> found = new LinkedHashMap<>();
      for (ShareObject object : batch.getObjects()) {
        boolean stored = false;
        try (WindowStoreIterator<StoredShare> near = shares.fetch(object.getKey(), Math.max(0, createdAt - settings.timeWindowMs()),
            createdAt + settings.timeWindowMs())) {
          int partners = 0;
          while (near.hasNext() && partners < CoordinationSettings.MAX_PARTNERS_PER_SHARE) {
            StoredShare other = near.next().value;
            if (other.getPostId().equals(batch.getPostId())) {
              stored = true;
              continue;
            }
            if (other.getAccountId().equals(batch.getAccountId()) || !sameText(object, other)) {
              continue;
            }
            partners++;
            CoShare coShare = coShare(batch, createdAt, object, other);
            found.putIfAbsent(coShare.getPairKey() + "\u0000" + coShare.getRepetitionKey(), coShare);
          }
        }
        if (!stored) {
          shares.put(object.getKey(), StoredShare.newBuilder().setAccountId(batch.getAccountId()).setPostId(batch.getPostId())
              .setCreatedAt(createdAt).setMinHash(object.getMinHash()).build(), createdAt);
        }
      }
      clock.advance(createdAt);
      Map<Integer, List<CoShare>> byGroup = new TreeMap<>();
      for (CoShare coShare : found.values()) {
        byGroup.computeIfAbsent(groups.groupOf(coShare.getPairKey()), g -> new ArrayList<>()).add(coShare);
      }
      byGroup.forEach((group, coShares) ->
          context.forward(record.withKey(ShareGroups.key(group)).withValue(CoShareBatch.newBuilder().setCoShares(coShares).build())));
    }

    private static boolean sameText(ShareObject object, StoredShare other) {
      return object.getMinHash() == null || other.getMinHash() == null
          || MinHash.similarity(object.getMinHash(), other.getMinHash()) >= MinHash.NEAR_IDENTICAL;
    }

    private static CoShare coShare(ShareBatch batch, long createdAt, ShareObject object, StoredShare other) {
      boolean thisFirst = createdAt < other.getCreatedAt()
          || (createdAt == other.getCreatedAt() && batch.getPostId().compareTo(other.getPostId()) < 0);
      return CoShare.newBuilder()
          .setPairKey(PairCounter.pairKey(batch.getAccountId(), other.getAccountId()))
          .setRepetitionKey(SharedObject.repetitionKey(object.getKind(), object.getKey(), batch.getPostId(), other.getPostId()))
          .setKind(object.getKind()).setObjectKey(object.getKey()).setLabel(object.getLabel())
          .setPostIds(thisFirst ? List.of(batch.getPostId(), other.getPostId()) : List.of(other.getPostId(), batch.getPostId()))
          .setFirstAt(Math.min(createdAt, other.getCreatedAt())).setLastAt(Math.max(createdAt, other.getCreatedAt()))
          .build();
    }
  }
}

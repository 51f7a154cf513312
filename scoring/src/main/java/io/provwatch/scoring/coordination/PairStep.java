package io.provwatch.scoring.coordination;

import io.provwatch.avro.CoShare;
import io.provwatch.avro.CoShareBatch;
import io.provwatch.avro.CoordinatedPair;
import io.provwatch.platform.streams.StepClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Under a group key: counts each account pair's distinct co-shared objects ({@link PairCounter}) and,
 * from {@code min_repetition} on, sends every change of a coordinated pair to the campaign step (key
 * {@value #CAMPAIGN_KEY}). A pair is forgotten {@code pairRetentionMs} after its latest co-share, by
 * publication time behind the newest co-share this step has seen.
 */
public final class PairStep implements ProcessorSupplier<String, CoShareBatch, String, CoordinatedPair> {
  /** Pair key -> what the pair co-shared. */
  public static final String PAIRS_STORE = "coordination-pairs";
  /** Every coordinated pair goes to the one campaign step: pairs reaching min_repetition are few. */
  public static final String CAMPAIGN_KEY = "campaigns";
  private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(10);

  private final CoordinationSettings settings;
  private final Serde<CoordinatedPair> pairSerde;

  public PairStep(CoordinationSettings settings, Serde<CoordinatedPair> pairSerde) {
    this.settings = settings;
    this.pairSerde = pairSerde;
  }

  @Override
  public Set<StoreBuilder<?>> stores() {
    return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAIRS_STORE), Serdes.String(), pairSerde));
  }

  @Override
  public Processor<String, CoShareBatch, String, CoordinatedPair> get() {
    return new Step(settings);
  }

  private static final class Step implements Processor<String, CoShareBatch, String, CoordinatedPair> {
    private final CoordinationSettings settings;
    private final StepClock clock = new StepClock();
    private ProcessorContext<String, CoordinatedPair> context;
    private KeyValueStore<String, CoordinatedPair> pairs;

    Step(CoordinationSettings settings) {
      this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, CoordinatedPair> context) {
      this.context = context;
      this.pairs = context.getStateStore(PAIRS_STORE);
      context.schedule(CLEANUP_INTERVAL, PunctuationType.STREAM_TIME, streamTime -> forgetIdle());
    }

    @Override
    public void process(Record<String, CoShareBatch> record) {
      for (CoShare coShare : record.value().getCoShares()) {
        clock.advance(coShare.getLastAt());
        CoordinatedPair before = pairs.get(coShare.getPairKey());
        if (before != null && idle(before)) {
          before = null; // gone by this step's clock, whether or not the cleanup has run yet
        }
        CoordinatedPair after = PairCounter.coShare(before, coShare);
        if (after == null) {
          continue;
        }
        pairs.put(coShare.getPairKey(), after);
        if (after.getRepetitions() >= settings.minRepetition()) {
          context.forward(record.withKey(CAMPAIGN_KEY).withValue(CoordinatedPair.newBuilder(after).build()));
        }
      }
    }

    private boolean idle(CoordinatedPair pair) {
      return clock.isExpired(pair.getLastSeen(), settings.pairRetentionMs());
    }

    private void forgetIdle() {
      List<String> idle = new ArrayList<>();
      try (KeyValueIterator<String, CoordinatedPair> all = pairs.all()) {
        while (all.hasNext()) {
          KeyValue<String, CoordinatedPair> entry = all.next();
          if (idle(entry.value)) {
            idle.add(entry.key);
          }
        }
      }
      idle.forEach(pairs::delete);
    }
  }
}

package io.provwatch.platform.explain;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.LatestByKey;
import io.provwatch.platform.streams.StepClock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * A queryable store of the latest value of each key of a topic, for an explain API route: a global
 * store read from the topic, so every instance holds every key and answers locally
 * ({@code KafkaStreams#queryMetadataForKey} names the instance itself for a global store), but a key
 * is forgotten {@code retentionMs} after its latest record, by the step's own {@link StepClock} (the
 * largest record timestamp it has read), so that the store does not grow with every key ever seen. A
 * tombstone deletes the key.
 *
 * <p>Why global: the topic is the store's changelog. A store kept by a stream task writes one
 * changelog record for every record it reads, one more record per post on the pipeline's path (a
 * quarter of the records of the per-post path outside coordination); a global store is restored by
 * reading the topic itself again through {@link Latest}, and is kept by the global thread, beside
 * the stream threads. The price is that every instance holds the whole retention, not its share.
 *
 * <p>One window store, {@code <store>}, used as {@link LatestByKey}: nothing is written when a key
 * expires (whole segments are dropped). Routes read it with
 * {@link #latest(ReadOnlyWindowStore, String)}; the store itself hides what is older than the
 * retention behind the step's clock, so a route never answers with an expired value.
 */
public final class ExplainStore {
  private ExplainStore() {}

  /** Adds the global store and the step that keeps it, reading {@code topic} with {@code consumed}. */
  public static <V> void addTo(StreamsBuilder builder, String topic, Consumed<String, V> consumed, String store, Serde<V> valueSerde,
      long retentionMs) {
    // a global store has no changelog: the topic is one, read again through Latest on restore
    builder.addGlobalStore(LatestByKey.storeBuilder(store, retentionMs, valueSerde).withLoggingDisabled(), topic, consumed,
        () -> new Latest<V>(store, retentionMs));
  }

  /** The latest value of {@code key} in a queried store that {@link #addTo} keeps, or null when unknown or expired. */
  public static <V> V latest(ReadOnlyWindowStore<String, V> store, String key) {
    return LatestByKey.latest(store, key);
  }

  /** The 404 error of a route on such a store: the key is unknown or expired, and where older records are. */
  public static String notFound(String topic, long retentionMs) {
    return "not found: unknown, or its latest record is older than the explain retention ("
        + ProvwatchConfig.EXPLAIN_RETENTION_MS + "=" + retentionMs + ", " + Duration.ofMillis(retentionMs)
        + "); older records are on the topic '" + topic + "', or found by an audit replay (provwatch replay)";
  }

  /** Keeps the latest value of each key for the retention from the step's clock at its record. */
  static final class Latest<V> implements Processor<String, V, Void, Void> {
    private final String storeName;
    private final long retentionMs;
    private final StepClock clock = new StepClock();
    private LatestByKey<V> latest;

    Latest(String storeName, long retentionMs) {
      this.storeName = storeName;
      this.retentionMs = retentionMs;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      WindowStore<String, V> store = context.getStateStore(storeName);
      this.latest = new LatestByKey<>(store, clock, retentionMs);
    }

    @Override
    public void process(Record<String, V> record) {
      clock.advance(record.timestamp());
      if (record.key() == null) {
        return;
      }
      if (record.value() == null || clock.isExpired(record.timestamp(), retentionMs)) {
        // a tombstone, or a latest record that is itself older than the retention already: nothing to keep
        latest.delete(record.key());
      } else {
        latest.put(record.key(), record.value());
      }
    }
  }
}

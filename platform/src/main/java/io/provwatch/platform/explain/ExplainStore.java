package io.provwatch.platform.explain;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.streams.ExpiringKeys;
import io.provwatch.platform.streams.StepClock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * A queryable store of the latest value of each key of a topic, for an explain API route: like a
 * table read from the topic (so it is partitioned like the topic, and any instance finds the owner
 * of a key with {@code KafkaStreams#queryMetadataForKey}), but a key is forgotten {@code retentionMs}
 * after its latest record's timestamp, by the step's own {@link StepClock}, so that the store does not
 * grow with every key ever seen. A tombstone deletes the key. Expired keys are deleted as the clock
 * moves, at the record that moves it: the route reads the store from another thread, where the clock
 * cannot be asked, so the store never holds a key the clock says has expired. That costs one range
 * read of the time index per record that expires something (see {@link ExpiringKeys}).
 *
 * <p>Three stores, each with its own changelog: {@code <store>} (key -> latest value, the one the route
 * reads), {@code <store>-since} (key -> its record's timestamp) and {@code <store>-by-time} (the index).
 */
public final class ExplainStore {
  private ExplainStore() {}

  /** Adds the stores and the step {@code <store>-latest} that keeps them, reading {@code topic} with {@code consumed}. */
  public static <V> void addTo(StreamsBuilder builder, String topic, Consumed<String, V> consumed, String store, Serde<V> valueSerde,
      long retentionMs) {
    Serde<String> keys = Serdes.String();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), keys, valueSerde));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(sinceStore(store)), keys, Serdes.Long()));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(byTimeStore(store)), keys, keys));
    builder.stream(topic, consumed)
        .process(() -> new Latest<V>(store, retentionMs), Named.as(store + "-latest"), store, sinceStore(store), byTimeStore(store));
  }

  /** The 404 error of a route on such a store: the key is unknown or expired, and where older records are. */
  public static String notFound(String topic, long retentionMs) {
    return "not found: unknown, or its latest record is older than the explain retention ("
        + ProvwatchConfig.EXPLAIN_RETENTION_MS + "=" + retentionMs + ", " + Duration.ofMillis(retentionMs)
        + "); older records are on the topic '" + topic + "', or found by an audit replay (provwatch replay)";
  }

  public static String sinceStore(String store) {
    return store + "-since";
  }

  public static String byTimeStore(String store) {
    return store + "-by-time";
  }

  /** Keeps the latest value of each key for the retention from its record's timestamp. */
  static final class Latest<V> implements Processor<String, V, Void, Void> {
    private final String storeName;
    private final long retentionMs;
    private final StepClock clock = new StepClock();
    private KeyValueStore<String, V> latest;
    private ExpiringKeys keys;

    Latest(String storeName, long retentionMs) {
      this.storeName = storeName;
      this.retentionMs = retentionMs;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      this.latest = context.getStateStore(storeName);
      this.keys = new ExpiringKeys(context.getStateStore(sinceStore(storeName)), context.getStateStore(byTimeStore(storeName)),
          clock, retentionMs);
    }

    @Override
    public void process(Record<String, V> record) {
      clock.advance(record.timestamp());
      if (record.key() != null) {
        if (record.value() == null) {
          latest.delete(record.key());
          keys.forget(record.key());
        } else {
          latest.put(record.key(), record.value());
          keys.store(record.key(), record.timestamp());
        }
      }
      // after the store: the latest record of a key may itself be older than the retention already
      keys.forgetExpired().forEach(latest::delete);
    }
  }
}

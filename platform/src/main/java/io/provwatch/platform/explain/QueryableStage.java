package io.provwatch.platform.explain;

import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.UnknownStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;

/**
 * What the explain API asks of a stage: its state, which instance owns a key of a string-keyed
 * store, and the value of a key in this instance's part of the store. A seam so that every answer
 * of {@link ExplainApi}, the rebalancing ones too, can be reached without a broker.
 */
interface QueryableStage {
  KafkaStreams.State state();

  /**
   * The owner of {@code key} in {@code store}; {@link KeyQueryMetadata#NOT_AVAILABLE} while not known,
   * null when the stage has no such store.
   *
   * @throws IllegalStateException when the stage is not running or rebalancing
   */
  KeyQueryMetadata owner(String store, String key);

  /**
   * The value of {@code key} in this instance's {@code store}, null when absent; {@code partition} < 0: any local one.
   *
   * @throws UnknownStateStoreException when the stage has no such store
   * @throws InvalidStateStoreException when the store cannot be queried now (migrated, restoring, closed)
   */
  Object localValue(String store, String key, int partition);

  /** The Kafka Streams stage that {@code streams} supplies, its stores read as key-value stores (tables). */
  static QueryableStage of(Supplier<KafkaStreams> streams) {
    return of(streams, false);
  }

  /** The Kafka Streams stage that {@code streams} supplies, its stores read as {@link ExplainStore}s keep them. */
  static QueryableStage ofLatest(Supplier<KafkaStreams> streams) {
    return of(streams, true);
  }

  private static QueryableStage of(Supplier<KafkaStreams> streams, boolean latestByKey) {
    return new QueryableStage() {
      @Override
      public KafkaStreams.State state() {
        return streams.get().state();
      }

      @Override
      public KeyQueryMetadata owner(String store, String key) {
        return streams.get().queryMetadataForKey(store, key, Serdes.String().serializer());
      }

      @Override
      public Object localValue(String store, String key, int partition) {
        if (latestByKey) {
          StoreQueryParameters<ReadOnlyWindowStore<String, Object>> params =
              StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, Object>windowStore());
          return ExplainStore.latest(streams.get().store(partition >= 0 ? params.withPartition(partition) : params), key);
        }
        StoreQueryParameters<ReadOnlyKeyValueStore<String, Object>> params =
            StoreQueryParameters.fromNameAndType(store, QueryableStoreTypes.<String, Object>keyValueStore());
        return streams.get().store(partition >= 0 ? params.withPartition(partition) : params).get(key);
      }
    };
  }
}

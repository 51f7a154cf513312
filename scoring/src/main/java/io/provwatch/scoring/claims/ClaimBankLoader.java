package io.provwatch.scoring.claims;

import io.provwatch.avro.ClaimBankEntry;
import io.provwatch.avro.FactCheck;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the claim-bank global store in step with {@code factchecks}: a claim is indexed under its
 * record key, a newer record of the same key replaces it, a tombstone removes it. Kafka Streams runs
 * this processor again over the topic when it restores the store, so the index is rebuilt the same way.
 */
public final class ClaimBankLoader implements Processor<String, FactCheck, Void, Void> {
  private final String storeName;
  private ClaimIndex index;

  public ClaimBankLoader(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    KeyValueStore<String, ClaimBankEntry> store = context.getStateStore(storeName);
    this.index = ClaimIndex.over(store);
  }

  @Override
  public void process(Record<String, FactCheck> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      index.remove(record.key());
    } else {
      index.put(record.key(), record.value());
    }
  }
}

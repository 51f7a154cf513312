package io.provwatch.scoring.claims;

import io.provwatch.avro.ClaimBankEntry;
import io.provwatch.avro.FactCheck;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the claim bank in step with {@code factchecks}: the global store holds every claim under
 * {@code claim/<record key>} (a newer record of the same key replaces it, a tombstone removes it), and
 * the instance's {@link ClaimMatcher} (an in-memory Lucene index) gets the same change, so the next
 * post is matched against it. On start the matcher is filled from the store, which Kafka Streams has
 * restored from the topic by then; an old store's LSH band entries ({@code band/...}) are deleted.
 */
public final class ClaimBankLoader implements Processor<String, FactCheck, Void, Void> {
  static final String CLAIM = "claim/";
  private static final String LEGACY_BAND = "band/";

  private final String storeName;
  private final ClaimMatcher matcher;
  private KeyValueStore<String, ClaimBankEntry> store;

  public ClaimBankLoader(String storeName, ClaimMatcher matcher) {
    this.storeName = storeName;
    this.matcher = matcher;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.store = context.getStateStore(storeName);
    List<String> legacy = new ArrayList<>();
    try (KeyValueIterator<String, ClaimBankEntry> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, ClaimBankEntry> entry = all.next();
        if (entry.key.startsWith(CLAIM) && entry.value != null && entry.value.getClaim() != null) {
          matcher.put(entry.key.substring(CLAIM.length()), entry.value.getClaim());
        } else if (entry.key.startsWith(LEGACY_BAND)) {
          legacy.add(entry.key);
        }
      }
    }
    legacy.forEach(store::delete);
  }

  @Override
  public void process(Record<String, FactCheck> record) {
    if (record.key() == null) {
      return;
    }
    if (record.value() == null) {
      store.delete(CLAIM + record.key());
      matcher.remove(record.key());
    } else {
      store.put(CLAIM + record.key(), new ClaimBankEntry(record.value(), List.of(), List.of()));
      matcher.put(record.key(), record.value());
    }
  }
}

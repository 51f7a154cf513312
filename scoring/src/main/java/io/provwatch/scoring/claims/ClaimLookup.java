package io.provwatch.scoring.claims;

import io.provwatch.avro.ClaimBankEntry;
import io.provwatch.avro.PostInContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** The claim-lookup step: attaches the bank's claims that the post's text resembles (see {@link ClaimIndex#match}). */
public final class ClaimLookup implements Processor<String, PostInContext, String, PostInContext> {
  /** At most this many matches travel with a post; the scorer needs the best false-ish one, people a few more. */
  public static final int MAX_MATCHES = 3;

  private final String storeName;
  private final double minSimilarity;
  private ProcessorContext<String, PostInContext> context;
  private ClaimIndex index;

  public ClaimLookup(String storeName, double minSimilarity) {
    this.storeName = storeName;
    this.minSimilarity = minSimilarity;
  }

  @Override
  public void init(ProcessorContext<String, PostInContext> context) {
    this.context = context;
    KeyValueStore<String, ClaimBankEntry> store = context.getStateStore(storeName);
    this.index = ClaimIndex.over(store);
  }

  @Override
  public void process(Record<String, PostInContext> record) {
    PostInContext in = record.value();
    in.setClaimMatches(index.match(in.getPost().getText(), minSimilarity, MAX_MATCHES));
    context.forward(record.withValue(in));
  }
}

package io.provwatch.scoring.claims;

import io.provwatch.avro.ClaimBankEntry;
import io.provwatch.avro.ClaimMatch;
import io.provwatch.avro.FactCheck;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The claim bank as an LSH index over one key-value storage: {@code claim/<id>} holds a claim with its
 * MinHash signature, {@code band/<band>/<bucket>} the sorted ids of the claims in that bucket. A post
 * meets as candidates the claims that share a band bucket with it; each candidate is then scored by
 * {@link Shingles#containment} over the exact shingles, so the index only has to find, not to judge.
 * Adding, replacing and removing a claim update the buckets, so the index follows the claims topic.
 */
public final class ClaimIndex {
  private static final String CLAIM = "claim/";
  private static final String BAND = "band/";

  /** Where the entries live: a Kafka Streams store in the topology, a map in {@code provwatch eval claims}. */
  public interface Storage {
    ClaimBankEntry get(String key);

    void put(String key, ClaimBankEntry entry);

    void delete(String key);

    static Storage of(Function<String, ClaimBankEntry> get, BiConsumer<String, ClaimBankEntry> put, Consumer<String> delete) {
      return new Storage() {
        @Override
        public ClaimBankEntry get(String key) {
          return get.apply(key);
        }

        @Override
        public void put(String key, ClaimBankEntry entry) {
          put.accept(key, entry);
        }

        @Override
        public void delete(String key) {
          delete.accept(key);
        }
      };
    }
  }

  private final Storage storage;

  public ClaimIndex(Storage storage) {
    this.storage = storage;
  }

  /** The index in a key-value store; a global store's processors may only read it (its loader writes). */
  public static ClaimIndex over(KeyValueStore<String, ClaimBankEntry> store) {
    return new ClaimIndex(Storage.of(store::get, store::put, store::delete));
  }

  public static ClaimIndex inMemory(Map<String, ClaimBankEntry> map) {
    return new ClaimIndex(Storage.of(map::get, map::put, map::remove));
  }

  /** Adds the claim under {@code id}, replacing what was there (its old buckets are left). */
  public void put(String id, FactCheck claim) {
    remove(id);
    int[] signature = MinHash.signature(Shingles.of(claim.getClaim()));
    storage.put(CLAIM + id, new ClaimBankEntry(claim, IntStream.of(signature).boxed().toList(), List.of()));
    for (String band : MinHash.bandKeys(signature)) {
      TreeSet<String> ids = bucket(band);
      if (ids.add(id)) {
        storage.put(BAND + band, bucketEntry(ids));
      }
    }
  }

  /** Removes the claim {@code id} and its bucket entries; nothing happens when it is not there. */
  public void remove(String id) {
    ClaimBankEntry entry = storage.get(CLAIM + id);
    if (entry == null) {
      return;
    }
    int[] signature = entry.getSignature().stream().mapToInt(Integer::intValue).toArray();
    for (String band : MinHash.bandKeys(signature)) {
      TreeSet<String> ids = bucket(band);
      if (ids.remove(id)) {
        if (ids.isEmpty()) {
          storage.delete(BAND + band);
        } else {
          storage.put(BAND + band, bucketEntry(ids));
        }
      }
    }
    storage.delete(CLAIM + id);
  }

  /** The claim held under {@code id}, or null. */
  public FactCheck claim(String id) {
    ClaimBankEntry entry = storage.get(CLAIM + id);
    return entry == null ? null : entry.getClaim();
  }

  /**
   * The claims whose text {@code text} contains to at least {@code minSimilarity} (claim shingles found
   * in the text), most similar first, ties by claim id; at most {@code limit}. Deterministic.
   */
  public List<ClaimMatch> match(String text, double minSimilarity, int limit) {
    int[] shingles = Shingles.of(text);
    TreeSet<String> candidates = new TreeSet<>();
    for (String band : MinHash.bandKeys(MinHash.signature(shingles))) {
      candidates.addAll(bucket(band));
    }
    List<ClaimMatch> matches = new ArrayList<>();
    for (String id : candidates) {
      FactCheck claim = claim(id);
      if (claim == null) {
        continue;
      }
      double similarity = Math.round(Shingles.containment(Shingles.of(claim.getClaim()), shingles) * 10_000) / 10_000.0;
      if (similarity >= minSimilarity && similarity > 0) {
        matches.add(ClaimMatch.newBuilder().setClaim(claim).setSimilarity(similarity).build());
      }
    }
    matches.sort(Comparator.comparingDouble(ClaimMatch::getSimilarity).reversed().thenComparing(m -> m.getClaim().getId()));
    return matches.size() > limit ? new ArrayList<>(matches.subList(0, limit)) : matches;
  }

  /** The all-args constructor: Avro's builder would deep-copy the id list again. */
  private static ClaimBankEntry bucketEntry(TreeSet<String> ids) {
    return new ClaimBankEntry(null, List.of(), new ArrayList<>(ids));
  }

  private TreeSet<String> bucket(String band) {
    ClaimBankEntry entry = storage.get(BAND + band);
    return entry == null ? new TreeSet<>() : new TreeSet<>(entry.getClaimIds());
  }
}

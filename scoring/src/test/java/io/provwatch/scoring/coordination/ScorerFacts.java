package io.provwatch.scoring.coordination;

import io.provwatch.avro.CoSharer;
import io.provwatch.avro.CoordinationFacts;
import io.provwatch.avro.ObjectFact;
import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.Posts;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Hand-made coordination facts for the scorer tests. */
final class ScorerFacts {
  private ScorerFacts() {}

  static ObjectFact.Builder fact(String kind, String key, String label, String... coSharers) {
    return ObjectFact.newBuilder().setKind(kind).setKey(key).setLabel(label)
        .setCoSharers(Arrays.stream(coSharers).map(a -> CoSharer.newBuilder().setAccountId(a).setPostId("x:" + a)
            .setCreatedAt(Instant.EPOCH).build()).toList());
  }

  static PostContext context(int minRepetition, Map<String, Integer> repetitions, ObjectFact... facts) {
    CoordinationFacts coordination = CoordinationFacts.newBuilder().setTimeWindowMs(600_000).setMinRepetition(minRepetition)
        .setBurstWindowMs(600_000).setBurstAuthorMaxPosts(10).setBurstBaselineFactor(3.0).setBurstObjectMaxAccounts(20)
        .setObjects(List.of(facts)).setPartnerRepetitions(repetitions).build();
    return new PostContext(Posts.post("x:1", "ann", "text", 0).build(), Optional.empty(), Optional.empty(), Map.of(), Optional.of(coordination));
  }
}

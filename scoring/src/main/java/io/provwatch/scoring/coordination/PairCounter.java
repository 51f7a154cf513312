package io.provwatch.scoring.coordination;

import io.provwatch.avro.CoordinationPairState;
import java.util.ArrayList;

/**
 * The per-pair half of the coordination detector, pure: counts the distinct objects two accounts
 * co-shared within the time window (their repetitions, compared with CooRTweet's min_repetition).
 */
public final class PairCounter {
  /** Distinct objects remembered per pair; beyond, every co-share counts (a pair this busy is coordinated anyway). */
  public static final int MAX_KEYS = 1000;

  private PairCounter() {}

  /** The pair's key: both accounts, the smaller first, so that (a, b) and (b, a) meet. */
  public static String pairKey(String account, String other) {
    return account.compareTo(other) < 0 ? account + "|" + other : other + "|" + account;
  }

  /** The pair state after one more co-share; {@code state} null for a pair never seen. */
  public static CoordinationPairState coShare(CoordinationPairState state, String repetitionKey, long createdAt) {
    if (state == null) {
      state = CoordinationPairState.newBuilder().setRepetitionKeys(new ArrayList<>()).setRepetitions(0)
          .setFirstSeen(createdAt).setLastSeen(createdAt).build();
    }
    if (!state.getRepetitionKeys().contains(repetitionKey)) {
      if (state.getRepetitionKeys().size() < MAX_KEYS) {
        state.getRepetitionKeys().add(repetitionKey);
      }
      state.setRepetitions(state.getRepetitions() + 1);
    }
    state.setFirstSeen(Math.min(state.getFirstSeen(), createdAt));
    state.setLastSeen(Math.max(state.getLastSeen(), createdAt));
    return state;
  }
}

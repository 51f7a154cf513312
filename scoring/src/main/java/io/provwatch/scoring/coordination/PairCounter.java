package io.provwatch.scoring.coordination;

import io.provwatch.avro.CoShare;
import io.provwatch.avro.CoSharedObject;
import io.provwatch.avro.CoordinatedPair;
import java.util.ArrayList;
import java.util.TreeSet;

/**
 * The per-pair half of the coordination detector, pure: counts the distinct objects two accounts
 * co-shared within the time window (their repetitions, compared with CooRTweet's min_repetition).
 * A union of sets, so the result does not depend on the order co-shares arrive in, and a co-share
 * reported twice counts once.
 */
public final class PairCounter {
  /** Distinct repetitions remembered per pair; beyond, every new one counts (a pair this busy is coordinated anyway). */
  public static final int MAX_KEYS = 1000;
  /** Objects and posts listed per pair. */
  public static final int MAX_LISTED = 50;

  private PairCounter() {}

  /** The pair's key: both accounts, the smaller first, so that (a, b) and (b, a) meet. */
  public static String pairKey(String account, String other) {
    return account.compareTo(other) < 0 ? account + "|" + other : other + "|" + account;
  }

  /** The two accounts of a pair key. */
  public static String[] accounts(String pairKey) {
    int bar = pairKey.indexOf('|');
    return new String[] {pairKey.substring(0, bar), pairKey.substring(bar + 1)};
  }

  /**
   * The pair after one more co-share; {@code state} null for a pair never seen. Returns null when the
   * co-share adds nothing the pair did not know (a repeat).
   */
  public static CoordinatedPair coShare(CoordinatedPair state, CoShare coShare) {
    if (state == null) {
      state = CoordinatedPair.newBuilder().setPairKey(coShare.getPairKey()).setRepetitionKeys(new ArrayList<>()).setRepetitions(0)
          .setObjects(new ArrayList<>()).setPostIds(new ArrayList<>()).setFirstSeen(coShare.getFirstAt()).setLastSeen(coShare.getLastAt())
          .build();
    } else if (state.getRepetitionKeys().contains(coShare.getRepetitionKey()) && state.getFirstSeen() <= coShare.getFirstAt()
        && state.getLastSeen() >= coShare.getLastAt()
        && (state.getPostIds().size() >= MAX_LISTED || state.getPostIds().containsAll(coShare.getPostIds()))) {
      return null;
    }
    TreeSet<String> keys = new TreeSet<>(state.getRepetitionKeys());
    if (!keys.contains(coShare.getRepetitionKey())) {
      if (keys.size() < MAX_KEYS) {
        keys.add(coShare.getRepetitionKey());
      }
      state.setRepetitions(state.getRepetitions() + 1);
    }
    state.setRepetitionKeys(new ArrayList<>(keys));
    if (state.getObjects().size() < MAX_LISTED
        && state.getObjects().stream().noneMatch(o -> o.getKey().equals(coShare.getObjectKey()) || sameText(o, coShare))) {
      state.getObjects().add(CoSharedObject.newBuilder().setKind(coShare.getKind()).setKey(coShare.getObjectKey())
          .setLabel(coShare.getLabel()).build());
    }
    TreeSet<String> posts = new TreeSet<>(state.getPostIds());
    for (String post : coShare.getPostIds()) {
      if (posts.size() < MAX_LISTED) {
        posts.add(post);
      }
    }
    state.setPostIds(new ArrayList<>(posts));
    state.setFirstSeen(Math.min(state.getFirstSeen(), coShare.getFirstAt()));
    state.setLastSeen(Math.max(state.getLastSeen(), coShare.getLastAt()));
    return state;
  }

  // the bands of one text are one object in a listing
  private static boolean sameText(CoSharedObject listed, CoShare coShare) {
    return SharedObject.TEXT.equals(listed.getKind()) && SharedObject.TEXT.equals(coShare.getKind())
        && listed.getLabel().equals(coShare.getLabel());
  }
}

package io.provwatch.scoring.scorers;

import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.Scorer;
import io.provwatch.scoring.SignalResult;
import java.util.Map;

/**
 * A repost or quote of a post provwatch never saw: the chain back to the original is broken, so its
 * author and context cannot be checked. Weak on its own (the original may predate the stream).
 */
public final class UnseenOriginalScorer implements Scorer {
  public static final String NAME = "unseen-original";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SignalResult score(PostContext context) {
    if (context.referenceSeen().isEmpty() || context.referenceSeen().get()) {
      return SignalResult.none();
    }
    String kind = context.post().getRepostOf() != null ? "repost" : "quote";
    String original = context.referencedId();
    return SignalResult.of(0.6, kind + " of " + original + ", a post never seen in the stream: its origin cannot be verified",
        Map.of("referencedPostId", original, "referenceKind", kind));
  }
}

package io.provwatch.scoring.scorers;

import io.provwatch.avro.FirstSeen;
import io.provwatch.avro.Post;
import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.Scorer;
import io.provwatch.scoring.SignalResult;
import io.provwatch.scoring.similarity.TextFingerprint;
import java.util.Map;
import java.util.Objects;

/**
 * The same text (after {@link io.provwatch.scoring.TextFingerprint} normalisation) as an earlier
 * post by another author, without a repost, quote or reply link to it: a copy passed off as one's own.
 */
public final class UnattributedCopyScorer implements Scorer {
  public static final String NAME = "unattributed-copy";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SignalResult score(PostContext context) {
    if (context.earlierCopy().isEmpty()) {
      return SignalResult.none();
    }
    FirstSeen original = context.earlierCopy().get();
    Post post = context.post();
    boolean sameAuthor = original.getAuthorId().equals(post.getAuthor().getId());
    boolean linked = original.getPostId().equals(post.getRepostOf()) || original.getPostId().equals(post.getQuoteOf())
        || original.getPostId().equals(post.getReplyTo());
    if (sameAuthor || linked || Objects.equals(original.getPostId(), post.getId())) {
      return SignalResult.none();
    }
    return SignalResult.of(1.0, "same text as " + original.getPostId() + " by another author (" + original.getAuthorId()
            + "), posted earlier, with no repost, quote or reply link",
        Map.of("originalPostId", original.getPostId(), "originalAuthorId", original.getAuthorId(),
            "originalCreatedAt", original.getCreatedAt().toString()));
  }
}

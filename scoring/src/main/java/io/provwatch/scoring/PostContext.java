package io.provwatch.scoring;

import io.provwatch.avro.FirstSeen;
import io.provwatch.avro.Post;
import io.provwatch.avro.PostInContext;
import java.util.Optional;

/**
 * A post and what the topology knows about it from earlier posts.
 *
 * @param referenceSeen for a repost or quote, whether the referenced post was seen before; empty when
 *     the post references nothing
 * @param earlierCopy the first earlier post with the same normalised text, if any
 */
public record PostContext(Post post, Optional<Boolean> referenceSeen, Optional<FirstSeen> earlierCopy) {

  public static PostContext of(PostInContext in) {
    return new PostContext(in.getPost(), Optional.ofNullable(in.getReferenceSeen()), Optional.ofNullable(in.getEarlierCopy()));
  }

  /** A post on its own, as if nothing were known about other posts. */
  public static PostContext alone(Post post) {
    return new PostContext(post, Optional.empty(), Optional.empty());
  }

  /** The id this post reposts or quotes, repost first; null when none. */
  public String referencedId() {
    return referencedId(post);
  }

  public static String referencedId(Post post) {
    return post.getRepostOf() != null ? post.getRepostOf() : post.getQuoteOf();
  }
}

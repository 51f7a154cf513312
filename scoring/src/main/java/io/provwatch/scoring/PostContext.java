package io.provwatch.scoring;

import io.provwatch.avro.ClaimMatch;
import io.provwatch.avro.FirstSeen;
import io.provwatch.avro.LinkDomain;
import io.provwatch.avro.MediaVerdict;
import io.provwatch.avro.Post;
import io.provwatch.avro.PostInContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A post and what the topology knows about it from earlier posts.
 *
 * @param referenceSeen for a repost or quote, whether the referenced post was seen before; empty when
 *     the post references nothing
 * @param earlierCopy the first earlier post with the same normalised text, if any
 * @param mediaVerdicts the media stage's verdicts known at scoring time, by media url
 * @param claimMatches fact-checked claims the text resembles, most similar first (claim-lookup step)
 * @param links the post's link domains with their ratings (link-lookup step)
 */
public record PostContext(Post post, Optional<Boolean> referenceSeen, Optional<FirstSeen> earlierCopy,
    Map<String, MediaVerdict> mediaVerdicts, List<ClaimMatch> claimMatches, List<LinkDomain> links) {

  public PostContext {
    mediaVerdicts = Map.copyOf(mediaVerdicts);
    claimMatches = List.copyOf(claimMatches);
    links = List.copyOf(links);
  }

  /** A context with media verdicts only. */
  public PostContext(Post post, Optional<Boolean> referenceSeen, Optional<FirstSeen> earlierCopy, Map<String, MediaVerdict> mediaVerdicts) {
    this(post, referenceSeen, earlierCopy, mediaVerdicts, List.of(), List.of());
  }

  /** A context with no media verdicts. */
  public PostContext(Post post, Optional<Boolean> referenceSeen, Optional<FirstSeen> earlierCopy) {
    this(post, referenceSeen, earlierCopy, Map.of());
  }

  public static PostContext of(PostInContext in) {
    return new PostContext(in.getPost(), Optional.ofNullable(in.getReferenceSeen()), Optional.ofNullable(in.getEarlierCopy()),
        in.getMediaVerdicts() == null ? Map.of() : in.getMediaVerdicts(),
        in.getClaimMatches() == null ? List.of() : in.getClaimMatches(), in.getLinks() == null ? List.of() : in.getLinks());
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

package io.provwatch.ingest;

/**
 * Why a well-formed input item yields no post. Unlike a {@link PostRejection} nothing is wrong
 * with the input, so it is not dead-lettered.
 *
 * @param postId for {@link Kind#DELETED} and {@link Kind#UNAVAILABLE}, the id of the post concerned
 *     ({@code <platform>:<native id>}, as its {@code Post.id} would be) when the input names it,
 *     else null; a connector may turn it into a tombstone
 */
public record PostSkip(Kind kind, String message, String postId) {
  /** Stable, machine-readable skip kinds. */
  public enum Kind {
    /** A record of another kind: like, follow, profile, account or identity event, user object. */
    NOT_A_POST,
    /** The author deleted the post (Jetstream or Mastodon delete event, Reddit "[deleted]"). */
    DELETED,
    /** The platform withholds the post: removed by moderators, not found, protected. */
    UNAVAILABLE
  }

  public static PostSkip of(Kind kind, String message) {
    return new PostSkip(kind, message, null);
  }
}

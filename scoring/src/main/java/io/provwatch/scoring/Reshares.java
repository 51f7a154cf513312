package io.provwatch.scoring;

import io.provwatch.avro.Post;
import java.util.regex.Pattern;

/**
 * Whether a post re-shares another post as it is: a repost (an X retweet, a Mastodon boost, a Bluesky
 * repost, a Reddit cross-post), or an X retweet known only by its classic {@code RT @user: ...} text
 * (archives and payloads without {@code referenced_tweets}). Its text, links and media are the
 * original's, so it is neither a copy of the original nor another account sharing the same text.
 */
public final class Reshares {
  /** X's retweet form: "RT", a handle (1-15 word characters), a colon; any case of "rt" as clients wrote it. */
  private static final Pattern RETWEET_TEXT = Pattern.compile("^\\s*(?i:rt) @\\w{1,15}:");

  private Reshares() {}

  public static boolean isReshare(Post post) {
    return post.getRepostOf() != null || isRetweetText(post.getText());
  }

  /** Whether {@code text} is written as a retweet ({@code RT @user: ...}). */
  public static boolean isRetweetText(String text) {
    return text != null && RETWEET_TEXT.matcher(text).find();
  }
}

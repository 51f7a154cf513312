package io.provwatch.scoring.coordination;

import io.provwatch.scoring.similarity.MinHash;
import java.util.List;

/**
 * One thing a post shares that other accounts can share too, as the coordination detector groups it.
 *
 * @param kind url, media, hashtags or text
 * @param key the grouping key, prefixed by the kind so that kinds never meet
 * @param label the object in words, for reasons and campaigns
 * @param minHash for text bands, the text's MinHash signature; null otherwise
 */
public record SharedObject(String kind, String key, String label, List<Integer> minHash) {
  public static final String URL = "url";
  public static final String MEDIA = "media";
  public static final String HASHTAGS = "hashtags";
  public static final String TEXT = "text";

  /**
   * What counts as one repetition for an account pair: the object itself, except for text, where the
   * bands of one text are one object, so the repetition is the pair of posts.
   */
  public static String repetitionKey(String kind, String key, String postId, String otherPostId) {
    if (!TEXT.equals(kind)) {
      return key;
    }
    return postId.compareTo(otherPostId) < 0 ? "text:" + postId + "|" + otherPostId : "text:" + otherPostId + "|" + postId;
  }
}

package io.provwatch.scoring.coordination;

import io.provwatch.avro.Media;
import io.provwatch.avro.Post;
import io.provwatch.scoring.Reshares;
import io.provwatch.scoring.similarity.MinHash;
import io.provwatch.scoring.similarity.TextFingerprint;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The objects a post shares: its links, media digests, hashtag sequence and text (MinHash bands). A
 * reshare (a repost, or a retweet written {@code RT @user: ...}, see {@link Reshares}) shares nothing:
 * its text, links and media are the original's, a popular post is reshared by many accounts within
 * minutes without any coordination, and the reshare itself credits its source. */
public final class SharedObjects {
  /** Most objects taken from one post, so that a post stuffed with links cannot fan out without bound. */
  public static final int MAX_PER_POST = 16;
  private static final int LABEL_CHARS = 80;

  private final int minHashtags;

  /** @param minHashtags a hashtag sequence counts only with at least this many hashtags */
  public SharedObjects(int minHashtags) {
    this.minHashtags = minHashtags;
  }

  /** The post's objects, each key once, at most {@link #MAX_PER_POST}. */
  public List<SharedObject> of(Post post) {
    Map<String, SharedObject> objects = new LinkedHashMap<>();
    if (Reshares.isReshare(post)) {
      return List.of();
    }
    for (String url : post.getUrls()) {
      String normalised = normaliseUrl(url);
      add(objects, new SharedObject(SharedObject.URL, "url:" + normalised, normalised, null));
    }
    for (Media media : post.getMedia()) {
      if (media.getSha256() != null && !media.getSha256().isBlank()) {
        String digest = media.getSha256().toLowerCase(Locale.ROOT);
        add(objects, new SharedObject(SharedObject.MEDIA, "media:" + digest, media.getUrl() + " (sha256 " + digest + ")", null));
      }
    }
    if (post.getHashtags().size() >= minHashtags && !post.getHashtags().isEmpty()) {
      String sequence = "#" + String.join(" #", post.getHashtags()).toLowerCase(Locale.ROOT);
      add(objects, new SharedObject(SharedObject.HASHTAGS, "hashtags:" + sequence, sequence, null));
    }
    MinHash.of(post.getText()).ifPresent(signature -> {
      String label = label(TextFingerprint.normalise(post.getText()));
      for (String band : MinHash.bands(signature)) {
        add(objects, new SharedObject(SharedObject.TEXT, "text:" + band, label, signature));
      }
    });
    return List.copyOf(objects.values());
  }

  private static void add(Map<String, SharedObject> objects, SharedObject object) {
    if (objects.size() < MAX_PER_POST) {
      objects.putIfAbsent(object.key(), object);
    }
  }

  private static String label(String text) {
    return text.length() <= LABEL_CHARS ? text : text.substring(0, LABEL_CHARS) + "…";
  }

  /**
   * A url as a grouping key: scheme and host lower case, default port, fragment and trailing slash
   * dropped, {@code www.} removed. Tracking parameters were dropped by ingest. Unparseable urls stay as they are.
   */
  public static String normaliseUrl(String url) {
    String trimmed = url.trim();
    try {
      URI uri = new URI(trimmed);
      if (uri.getHost() == null) {
        return trimmed;
      }
      String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      if (host.startsWith("www.")) {
        host = host.substring(4);
      }
      boolean defaultPort = uri.getPort() == -1 || (uri.getPort() == 80 && scheme.equals("http"))
          || (uri.getPort() == 443 && scheme.equals("https"));
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      // http and https of the same page are the same object
      return host + (defaultPort ? "" : ":" + uri.getPort()) + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    } catch (URISyntaxException e) {
      return trimmed;
    }
  }
}

package io.provwatch.app.bench;

import io.provwatch.avro.Author;
import io.provwatch.avro.Media;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic posts for the benchmark, shaped like the sample stream: mostly original
 * posts, with reposts, unattributed copies and media without digests in fixed proportions, so that
 * the scorers do real work and some posts raise alerts.
 */
public final class SyntheticPosts {
  private static final String[] WORDS = ("the city council voted on new bike lanes near the river while residents "
      + "asked about parking rain is expected tonight with strong winds along the coast our team won the "
      + "derby after extra time researchers published a study on soil bacteria and drought resistance the "
      + "library opens a repair cafe on saturday bring broken lamps and toasters new release fixes memory "
      + "leak in the scheduler thanks to contributors").split(" ");

  private final SplittableRandom random;
  private final String idPrefix;
  private final List<String> recentTexts = new ArrayList<>();
  private final List<String> recentIds = new ArrayList<>();
  private long sequence;

  public SyntheticPosts(long seed, String runId) {
    this.random = new SplittableRandom(seed);
    this.idPrefix = "bench:" + runId + "-";
  }

  /** The next post; {@code observedAt} is the time it is handed to the producer. */
  public Post next(Instant observedAt) {
    long n = sequence++;
    String id = idPrefix + n;
    String author = "acct-" + random.nextInt(5_000);
    int kind = random.nextInt(100);
    String text;
    String repostOf = null;
    List<Media> media = List.of();
    if (kind < 10 && !recentTexts.isEmpty()) {
      text = recentTexts.get(random.nextInt(recentTexts.size())); // unattributed copy
    } else if (kind < 20 && !recentIds.isEmpty()) {
      text = "";
      repostOf = recentIds.get(random.nextInt(recentIds.size()));
    } else if (kind < 25) {
      text = sentence(12);
      repostOf = idPrefix + "unseen-" + n; // original never seen
    } else {
      text = sentence(8 + random.nextInt(20));
    }
    if (kind >= 25 && kind < 35) {
      media = List.of(Media.newBuilder().setUrl("https://media.example/" + n + ".jpg").setMimeType("image/jpeg")
          .setSha256(kind < 30 ? null : hex64(n)).build());
    }
    remember(id, text);
    return Post.newBuilder()
        .setId(id).setPlatform("bench")
        .setAuthor(Author.newBuilder().setId(author).setHandle(author + "@bench.example").build())
        .setCreatedAt(observedAt.minusMillis(500)).setObservedAt(observedAt)
        .setText(text).setLanguage("en").setMedia(media).setRepostOf(repostOf)
        .setSource(SourcePosition.newBuilder().setConnector("bench").setPosition(Long.toString(n)).build())
        .build();
  }

  /** The sequence number of a post this generator made, or -1 for any other id. */
  public int sequenceOf(String postId) {
    if (postId == null || !postId.startsWith(idPrefix)) {
      return -1;
    }
    try {
      return Integer.parseInt(postId, idPrefix.length(), postId.length(), 10);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private void remember(String id, String text) {
    if (recentIds.size() >= 1_000) {
      int slot = random.nextInt(1_000);
      recentIds.set(slot, id);
      if (!text.isEmpty()) {
        recentTexts.set(slot % recentTexts.size(), text);
      }
      return;
    }
    recentIds.add(id);
    if (!text.isEmpty()) {
      recentTexts.add(text);
    }
  }

  private String sentence(int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
    }
    return sb.append('.').toString();
  }

  private static String hex64(long n) {
    return String.format("%064x", n);
  }
}

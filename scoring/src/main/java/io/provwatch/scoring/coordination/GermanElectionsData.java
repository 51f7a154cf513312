package io.provwatch.scoring.coordination;

import io.provwatch.avro.Author;
import io.provwatch.avro.Media;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * shared/data/coordination/german_elections_2021_multiplatform.csv (CooRTweet's example data set;
 * columns account_id, post_id, url_id, hashtag_id, domain_id, phash_id, timestamp in seconds), read
 * as shares of urls, hashtags and images (perceptual hash). Domains are left out: a site is not a
 * shared piece of content. Never copied into the repository; tests skip when it is absent, and
 * {@code provwatch eval alerts} reads it as posts.
 */
public final class GermanElectionsData {
  public static final String FILE = "german_elections_2021_multiplatform.csv";

  /** One CSV row: an account's post with its url, hashtag and image ids (null for NA). */
  public record Row(String account, String postId, String urlId, String hashtagId, String phashId, long timestampSeconds) {}

  private GermanElectionsData() {}

  /** The CSV beside the project root (found by walking up from the working directory), if present. */
  public static Optional<Path> locate() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve("coordination").resolve(FILE);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The rows in file order; identical rows once. */
  public static List<Row> rows(Path csv) {
    Set<Row> rows = new LinkedHashSet<>();
    try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      String header = in.readLine();
      if (header == null || !header.replace("\"", "").startsWith("account_id,post_id,url_id,hashtag_id,domain_id,phash_id,timestamp")) {
        throw new IllegalArgumentException(csv + ": unexpected header " + header);
      }
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.replace("\"", "").split(",", -1);
        rows.add(new Row(f[0], f[1], na(f[2]), na(f[3]), na(f[5]), Long.parseLong(f[6])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ArrayList<>(rows);
  }

  /** The distinct shares of the rows (a post lists its url once per hashtag), in publication order. */
  public static List<Share> shares(List<Row> rows) {
    return shares(rows, true);
  }

  /**
   * The distinct shares of the rows, in publication order; hashtags only with {@code hashtags} (a
   * detector that needs two hashtags for a sequence sees no single hashtag of a row).
   */
  public static List<Share> shares(List<Row> rows, boolean hashtags) {
    Set<Share> shares = new LinkedHashSet<>();
    for (Row r : rows) {
      long ms = r.timestampSeconds() * 1000;
      if (r.urlId() != null) {
        shares.add(new Share("url:" + r.urlId(), r.account(), r.postId(), ms));
      }
      if (hashtags && r.hashtagId() != null) {
        shares.add(new Share("hashtag:" + r.hashtagId(), r.account(), r.postId(), ms));
      }
      if (r.phashId() != null) {
        shares.add(new Share("phash:" + r.phashId(), r.account(), r.postId(), ms));
      }
    }
    List<Share> ordered = new ArrayList<>(shares);
    ordered.sort(Comparator.comparingLong(Share::createdAtMs)); // stable: ties keep file order
    return ordered;
  }

  /**
   * A row as a post {@code csv:<post_id>-<index>} by its account: its url, hashtag and image (the
   * perceptual hash standing in for a digest), no text; created and observed at its timestamp.
   */
  public static Post post(Row row, int index) {
    Instant at = Instant.ofEpochSecond(row.timestampSeconds());
    String id = "csv:" + row.postId() + "-" + index;
    Post.Builder post = Post.newBuilder().setId(id).setPlatform("csv")
        .setAuthor(Author.newBuilder().setId(row.account()).setHandle(row.account()).build())
        .setCreatedAt(at).setObservedAt(at).setText("")
        .setSource(SourcePosition.newBuilder().setConnector(FILE).setPosition(Integer.toString(index)).build());
    if (row.urlId() != null) {
      post.setUrls(List.of("https://url.example/" + row.urlId()));
    }
    if (row.hashtagId() != null) {
      post.setHashtags(List.of("h" + row.hashtagId()));
    }
    if (row.phashId() != null) {
      post.setMedia(List.of(Media.newBuilder().setUrl("https://img.example/" + row.phashId()).setMimeType("image/jpeg")
          .setSha256("phash" + row.phashId()).build()));
    }
    return post.build();
  }

  private static String na(String value) {
    return value.isEmpty() || value.equals("NA") ? null : value;
  }
}

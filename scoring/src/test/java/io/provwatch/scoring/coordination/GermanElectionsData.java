package io.provwatch.scoring.coordination;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * shared piece of content. Never copied into the repository; tests skip when it is absent.
 */
final class GermanElectionsData {
  static final String FILE = "german_elections_2021_multiplatform.csv";

  /** One CSV row: an account's post with its url, hashtag and image ids (null for NA). */
  record Row(String account, String postId, String urlId, String hashtagId, String phashId, long timestampSeconds) {}

  private GermanElectionsData() {}

  /** The CSV beside the project root (found by walking up from the working directory), if present. */
  static Optional<Path> locate() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve("coordination").resolve(FILE);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The rows in file order; identical rows once. */
  static List<Row> rows(Path csv) {
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
  static List<Share> shares(List<Row> rows) {
    Set<Share> shares = new LinkedHashSet<>();
    for (Row r : rows) {
      long ms = r.timestampSeconds() * 1000;
      if (r.urlId() != null) {
        shares.add(new Share("url:" + r.urlId(), r.account(), r.postId(), ms));
      }
      if (r.hashtagId() != null) {
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

  private static String na(String value) {
    return value.isEmpty() || value.equals("NA") ? null : value;
  }
}

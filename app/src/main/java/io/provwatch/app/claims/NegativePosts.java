package io.provwatch.app.claims;

import io.provwatch.app.claims.ClaimBenchmark.Query;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Posts that repeat no claim of a fact-check collection, to measure false matches. From the shared
 * reference data: human tweets of the TweepFake set ({@code ai-text/tweepfake_*.csv}), without the
 * accounts of politicians and public figures whose tweets fact-checkers do check (realDonaldTrump,
 * narendramodi, JustinTrudeau, elonmusk), so programmers, comedians, musicians and their everyday
 * tweets; and the tweets labelled real of the CONSTRAINT COVID-19 set ({@code misinfo/Constraint_*.csv}),
 * official health news, the same topics as many fact-checks but no false claim. Each source gives at
 * most its quota, chosen by the SHA-256 of the text (so the same posts every run); duplicates and texts
 * under 40 characters are left out. A post whose hash is even calibrates the threshold, odd is held
 * out. TweepFake posts keep their author's handle. Posts get a date: that of a benchmark query chosen by the hash, so the date features cannot tell
 * them from real queries.
 */
public final class NegativePosts {
  public static final int TWEEPFAKE_QUOTA = 1500;
  public static final int CONSTRAINT_QUOTA = 500;
  static final Set<String> CHECKED_ACCOUNTS = Set.of("realDonaldTrump", "narendramodi", "JustinTrudeau", "elonmusk");

  /** The posts of both halves. */
  public record Sets(List<Query> calibration, List<Query> heldOut, String description) {
    public List<Query> all() {
      List<Query> all = new ArrayList<>(calibration);
      all.addAll(heldOut);
      return all;
    }
  }

  private NegativePosts() {}

  /** The files under {@code data} (the shared reference data folder) that it needs; empty when all are there. */
  public static List<String> missing(Path data) {
    List<String> missing = new ArrayList<>();
    for (String file : List.of("ai-text/tweepfake_train.csv", "misinfo/Constraint_Train.csv")) {
      if (!Files.isRegularFile(data.resolve(file))) {
        missing.add(file);
      }
    }
    return missing;
  }

  /** The negatives, dated from {@code dates} (the queries' known dates; none when empty). */
  public static Sets read(Path data, List<Instant> dates) throws IOException {
    Map<String, String[]> tweepfake = new LinkedHashMap<>();
    for (String file : List.of("tweepfake_train.csv", "tweepfake_validation.csv", "tweepfake_test.csv")) {
      Path path = data.resolve("ai-text").resolve(file);
      if (!Files.isRegularFile(path)) {
        continue;
      }
      for (CSVRecord row : csv(path, ';')) {
        if (row.size() >= 3 && row.get(2).equals("human") && !CHECKED_ACCOUNTS.contains(row.get(0))) {
          put(tweepfake, row.get(1), "@" + row.get(0));
        }
      }
    }
    Map<String, String[]> constraint = new LinkedHashMap<>();
    for (String file : List.of("Constraint_Train.csv", "Constraint_Val.csv")) {
      Path path = data.resolve("misinfo").resolve(file);
      if (!Files.isRegularFile(path)) {
        continue;
      }
      for (CSVRecord row : csv(path, ',')) {
        if (row.size() >= 3 && row.get(2).equals("real")) {
          put(constraint, row.get(1), null);
        }
      }
    }
    List<Query> calibration = new ArrayList<>();
    List<Query> heldOut = new ArrayList<>();
    int tweepfakeCount = take(tweepfake, TWEEPFAKE_QUOTA, "tweepfake", dates, calibration, heldOut);
    int constraintCount = take(constraint, CONSTRAINT_QUOTA, "constraint", dates, calibration, heldOut);
    String description = String.format("%d TweepFake human tweets (not politicians) + %d CONSTRAINT real COVID-19 tweets;"
        + " %d calibrate the threshold, %d held out", tweepfakeCount, constraintCount, calibration.size(), heldOut.size());
    return new Sets(calibration, heldOut, description);
  }

  private static List<CSVRecord> csv(Path path, char delimiter) throws IOException {
    try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setSkipHeaderRecord(true).setHeader().get().parse(in).getRecords();
    }
  }

  private static void put(Map<String, String[]> texts, String text, String author) {
    String t = text.strip();
    if (t.length() >= 40) {
      texts.putIfAbsent(sha256(t), new String[] {t, author});
    }
  }

  private static int take(Map<String, String[]> byHash, int quota, String source, List<Instant> dates, List<Query> calibration,
      List<Query> heldOut) {
    List<String> hashes = new ArrayList<>(byHash.keySet());
    hashes.sort(Comparator.naturalOrder());
    int n = Math.min(quota, hashes.size());
    for (int i = 0; i < n; i++) {
      String hash = hashes.get(i);
      long h = Long.parseUnsignedLong(hash.substring(0, 15), 16);
      Instant date = dates.isEmpty() ? null : dates.get((int) (h % dates.size()));
      String[] post = byHash.get(hash);
      Query query = new Query(source + ":" + hash.substring(0, 12), post[0], post[1], date);
      (h % 2 == 0 ? calibration : heldOut).add(query);
    }
    return n;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}

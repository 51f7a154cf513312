package io.provwatch.app.alertbudget;

import io.provwatch.app.alertbudget.EvalPost.Role;
import io.provwatch.ingest.formats.PostFormats;
import io.provwatch.ingest.formats.PostNormaliser;
import io.provwatch.scoring.coordination.CoordinationOracle;
import io.provwatch.scoring.coordination.GermanElectionsData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Real traffic with no known disinformation in it: the platforms' payloads in {@code shared/data/formats}
 * through provwatch's own adapters, and a slice of the German elections 2021 post stream as posts, whose
 * shares the batch oracle finds coordinated are cases that must alert instead.
 */
public final class OrdinaryTraffic {
  /** A folder of {@code shared/data/formats}, the adapter that reads it, and which of its files are payloads. */
  private record Folder(String name, String format, Map<String, String> options, String suffix) {}

  private static final List<Folder> FOLDERS = List.of(
      new Folder("mastodon", "mastodon", Map.of("instance", "mastodon.social"), ".json"),
      new Folder("bluesky_jetstream", "bluesky-jetstream", Map.of(), ".jsonl"),
      new Folder("reddit_pushshift", "reddit-pushshift", Map.of(), ".ndjson"),
      new Folder("twitter_v2", "x-api-v2", Map.of(), ".jsonl"),
      new Folder("rss_atom", "feed", Map.of(), ".xml"));
  /** The JSON Feed of rss_atom; its other .json files are the expected parses of the feeds, not payloads. */
  private static final String JSON_FEED_PREFIX = "jsonfeed_";

  private OrdinaryTraffic() {}

  /** The posts of every payload under {@code formats}, grouped {@code ordinary: <format>}. */
  public static List<EvalPost> formats(Path formats) throws IOException {
    return formats(formats, new PostNormaliser(Clock.systemUTC(), true));
  }

  /** The posts of every payload under {@code formats} as {@code normaliser} makes them, grouped {@code ordinary: <format>}. */
  public static List<EvalPost> formats(Path formats, PostNormaliser normaliser) throws IOException {
    List<EvalPost> posts = new ArrayList<>();
    for (Folder folder : FOLDERS) {
      Path dir = formats.resolve(folder.name());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      CollectedPosts collected = new CollectedPosts();
      CollectedPosts jsonFeeds = new CollectedPosts();
      for (Path file : files(dir)) {
        String name = file.getFileName().toString();
        if (name.endsWith(folder.suffix())) {
          read(collected, folder.format(), folder.options(), normaliser, file);
        } else if (name.startsWith(JSON_FEED_PREFIX)) {
          read(jsonFeeds, "json-feed", Map.of(), normaliser, file);
        }
      }
      collected.posts().forEach(p -> posts.add(new EvalPost(p, "ordinary: " + folder.format(), Role.ORDINARY)));
      jsonFeeds.posts().forEach(p -> posts.add(new EvalPost(p, "ordinary: json-feed", Role.ORDINARY)));
    }
    return posts;
  }

  /**
   * The first {@code rows} rows (by time) of the German elections CSV, one post per row as the
   * coordination tests shape them. A row the oracle finds a coordinated share (with the detector's
   * time window and min_repetition, hashtags only when the detector takes single hashtags) must alert;
   * the others are ordinary.
   */
  public static List<EvalPost> germanElections(Path csv, int rows, long timeWindowMs, int minRepetition, boolean singleHashtags) {
    List<GermanElectionsData.Row> all = new ArrayList<>(GermanElectionsData.rows(csv));
    all.sort(Comparator.comparingLong(GermanElectionsData.Row::timestampSeconds));
    List<GermanElectionsData.Row> slice = all.subList(0, Math.min(rows, all.size()));
    Set<String> coordinated = CoordinationOracle.coordinatedShares(GermanElectionsData.shares(slice, singleHashtags), timeWindowMs, minRepetition);
    List<EvalPost> posts = new ArrayList<>(slice.size());
    for (int i = 0; i < slice.size(); i++) {
      GermanElectionsData.Row row = slice.get(i);
      boolean isCase = coordinated.contains(row.postId());
      posts.add(new EvalPost(GermanElectionsData.post(row, i), isCase ? MustAlertCases.COORDINATED : "ordinary: german elections 2021",
          isCase ? Role.MUST_ALERT : Role.ORDINARY));
    }
    return posts;
  }

  private static void read(CollectedPosts into, String format, Map<String, String> options, PostNormaliser normaliser, Path file)
      throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      into.read(PostFormats.create(format, options, normaliser), in, file.getFileName().toString());
    }
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    }
  }
}

package io.provwatch.app.alertbudget;

import io.provwatch.app.alertbudget.EvalPost.Role;
import io.provwatch.ingest.formats.PostFormats;
import io.provwatch.ingest.formats.PostNormaliser;
import io.provwatch.scoring.coordination.CoordinationOracle;
import io.provwatch.scoring.coordination.GermanElectionsData;
import io.provwatch.scoring.coordination.PairCounter;
import io.provwatch.scoring.coordination.Share;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Real traffic with no known disinformation in it: the platforms' payloads in {@code shared/data/formats}
 * through provwatch's own adapters, and a slice of the German elections 2021 post stream as posts, whose
 * account pairs the batch oracle finds coordinated are cases that must alert instead (their co-shares are context).
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

  /** A slice of the German elections stream: its rows as posts, and the account pairs that must be found in campaign alerts. */
  public record GermanElectionsSlice(List<EvalPost> posts, List<CoordinatedPairCases> pairCases) {}

  /**
   * The first {@code rows} rows (by time) of the German elections CSV, one post per row as the
   * coordination tests shape them, and the account pairs the oracle finds coordinated (with the
   * detector's time window and min_repetition, hashtags only when the detector takes single hashtags):
   * every such pair, and those whose oracle campaign (connected component of coordinated pairs) has at
   * least {@code campaignMinAccounts} accounts, the campaigns the detector publishes. The posts of the
   * pairs' co-shares (both shares of each) are context: a campaign alert lists them; the others are ordinary.
   */
  public static GermanElectionsSlice germanElections(Path csv, int rows, long timeWindowMs, int minRepetition, boolean singleHashtags,
      int campaignMinAccounts) {
    List<GermanElectionsData.Row> all = new ArrayList<>(GermanElectionsData.rows(csv));
    all.sort(Comparator.comparingLong(GermanElectionsData.Row::timestampSeconds));
    List<GermanElectionsData.Row> slice = all.subList(0, Math.min(rows, all.size()));
    List<Share> shares = GermanElectionsData.shares(slice, singleHashtags);
    TreeSet<String> pairs = CoordinationOracle.coordinatedPairs(shares, timeWindowMs, minRepetition);
    Set<String> coShared = new HashSet<>(CoordinationOracle.coordinatedShares(shares, timeWindowMs, minRepetition));
    // the oracle names the later share of each co-share; with time and order reversed, the earlier one is the
    // later (the oracle's sort is stable, so of two shares in the same second the one listed last comes first)
    List<Share> reversed = new ArrayList<>(shares.stream()
        .map(s -> new Share(s.objectKey(), s.account(), s.postId(), -s.createdAtMs())).toList());
    Collections.reverse(reversed);
    coShared.addAll(CoordinationOracle.coordinatedShares(reversed, timeWindowMs, minRepetition));
    List<EvalPost> posts = new ArrayList<>(slice.size());
    for (int i = 0; i < slice.size(); i++) {
      GermanElectionsData.Row row = slice.get(i);
      boolean coShare = coShared.contains(row.postId());
      posts.add(new EvalPost(GermanElectionsData.post(row, i), coShare ? MustAlertCases.CO_SHARES : "ordinary: german elections 2021",
          coShare ? Role.CONTEXT : Role.ORDINARY));
    }
    Map<String, Integer> campaignSize = campaignSizes(pairs);
    TreeSet<String> inCampaigns = new TreeSet<>();
    for (String pair : pairs) {
      if (campaignSize.get(PairCounter.accounts(pair)[0]) >= campaignMinAccounts) {
        inCampaigns.add(pair);
      }
    }
    return new GermanElectionsSlice(posts, List.of(new CoordinatedPairCases(MustAlertCases.COORDINATED_PAIRS, pairs),
        new CoordinatedPairCases(MustAlertCases.COORDINATED_PAIRS + ", in campaigns of " + campaignMinAccounts + "+ accounts", inCampaigns)));
  }

  /** Account -> number of accounts of its connected component of {@code pairs}. */
  static Map<String, Integer> campaignSizes(Set<String> pairs) {
    Map<String, String> parent = new HashMap<>();
    for (String pair : pairs) {
      String[] accounts = PairCounter.accounts(pair);
      parent.put(root(parent, accounts[0]), root(parent, accounts[1]));
    }
    Map<String, Integer> sizeOfRoot = new HashMap<>();
    parent.keySet().forEach(account -> sizeOfRoot.merge(root(parent, account), 1, Integer::sum));
    Map<String, Integer> size = new HashMap<>();
    parent.keySet().forEach(account -> size.put(account, sizeOfRoot.get(root(parent, account))));
    return size;
  }

  private static String root(Map<String, String> parent, String account) {
    parent.putIfAbsent(account, account);
    String root = account;
    while (!parent.get(root).equals(root)) {
      root = parent.get(root);
    }
    return root;
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

package io.provwatch.scoring.coordination;

import static io.provwatch.scoring.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.Campaign;
import io.provwatch.avro.Post;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.TopologyTests;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.Posts;
import io.provwatch.scoring.ScoringService;
import io.provwatch.scoring.ScoringTopologyBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordination branch inside the production scoring topology, on TopologyTestDriver. */
class CoordinationTopologyTest {
  private static final String TEXT = "They are hiding the real election results from you, share this before it gets deleted";
  /** The same message as twelve accounts post it: case, punctuation, emoji, mentions, links and a word differ. */
  private static final List<String> VARIANTS = List.of(TEXT, TEXT + "!!", TEXT.toUpperCase(), "RT " + TEXT,
      TEXT + " https://t.co/abc", "@newsdesk " + TEXT, TEXT + " 🔥🔥", TEXT.replace(",", " -"), TEXT + ".", "!!! " + TEXT,
      TEXT.replace("real", "true"), "\"" + TEXT + "\"");

  @TempDir Path dir;
  private ProvwatchConfig config;
  private TopologyTestDriver driver;
  private TestInputTopic<String, Post> posts;
  private TestOutputTopic<String, Assessment> assessments;
  private TestOutputTopic<String, Campaign> campaigns;

  private void start(Map<String, String> overrides) {
    // no media stage here: posts sharing an image are scored at once instead of waiting for its verdict
    Map<String, String> props = new HashMap<>(Map.of(ProvwatchConfig.PROCESSING_GUARANTEE, "at_least_once", ProvwatchConfig.SCORING_MEDIA_WAIT_MS, "0"));
    props.putAll(overrides);
    config = TopologyTests.config(dir, props);
    driver = TopologyTests.driver(ScoringTopologyBuilder.fromConfig(config).build(), config, ScoringService.STAGE, Topics.ASSESSMENTS_DLQ);
    posts = TopologyTests.input(driver, Topics.POSTS, config);
    assessments = TopologyTests.output(driver, Topics.ASSESSMENTS, config);
    campaigns = TopologyTests.output(driver, Topics.CAMPAIGNS, config);
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.close();
      TopologyTests.release(config);
      driver = null;
    }
  }

  private void send(Post post) {
    posts.pipeInput(post.getId(), post, post.getCreatedAt());
  }

  /** The campaigns as the compacted topic ends up: the latest change per id, joined ones deleted. */
  private Map<String, Campaign> latestCampaigns() {
    Map<String, Campaign> latest = new LinkedHashMap<>();
    for (KeyValue<String, Campaign> kv : campaigns.readKeyValuesToList()) {
      if (kv.value == null) {
        latest.remove(kv.key);
      } else {
        latest.put(kv.key, kv.value);
      }
    }
    return latest;
  }

  private TreeSet<String> coordinatedPairs() {
    TreeSet<String> pairs = new TreeSet<>();
    latestCampaigns().values().forEach(c -> pairs.addAll(c.getPairs()));
    return pairs;
  }

  private static Post.Builder at(Post.Builder post, Instant createdAt) {
    return post.setCreatedAt(createdAt).setObservedAt(createdAt.plusSeconds(1));
  }

  @Test
  void twelveAccountsPostingNearIdenticalTextWithinTwoMinutesAreOneCampaignAndNoPostWaitsForIt() {
    start(Map.of());
    for (int i = 0; i < 12; i++) {
      send(at(post("x:" + (100 + i), "acct" + i, VARIANTS.get(i), 0), Posts.T0.plusSeconds(10L * i)).build());
    }
    Map<String, Campaign> latest = latestCampaigns();
    assertThat(latest).hasSize(1);
    Campaign campaign = latest.values().iterator().next();
    assertThat(campaign.getMemberAccounts()).hasSize(12).contains("acct0", "acct11");
    assertThat(campaign.getPairs()).as("every two of the twelve").hasSize(66);
    assertThat(campaign.getSharedObjects()).isNotEmpty().allSatisfy(o -> assertThat(o.getKind()).isEqualTo("text"));
    assertThat(campaign.getFirstSeen()).isEqualTo(Posts.T0);
    assertThat(campaign.getLastSeen()).isEqualTo(Posts.T0.plusSeconds(110));
    assertThat(campaign.getPostIds()).hasSize(12);
    assertThat(campaign.getMinRepetition()).isEqualTo(1);
    assertThat(campaign.getRuleSetVersion()).isNotBlank();
    KeyValueStore<String, Campaign> store = driver.getKeyValueStore(CoordinationTopology.CAMPAIGNS_STORE);
    assertThat(store.get(campaign.getCampaignId()).getMemberAccounts()).hasSize(12);
    assertThat(assessments.readValuesToList()).as("every post assessed at once, without a coordination signal").hasSize(12)
        .allSatisfy(a -> assertThat(a.getSignals()).noneMatch(s -> s.getName().equals("coordination")));
  }

  @Test
  void retweetsOfOneTweetAreRepostsNotNearIdenticalTextOfManyAccounts() {
    start(Map.of());
    send(at(post("x:200", "ann", TEXT, 0), Posts.T0).build());
    for (int i = 0; i < 10; i++) {
      // half as the X API gives them (referenced_tweets: retweeted), half known only by their text
      Post.Builder retweet = post("x:" + (201 + i), "fan" + i, "RT @ann: " + TEXT, 0);
      send(at(i % 2 == 0 ? retweet.setRepostOf("x:200") : retweet, Posts.T0.plusSeconds(5L * (i + 1))).build());
    }
    assertThat(campaigns.readKeyValuesToList()).isEmpty();
    assertThat(assessments.readValuesToList()).hasSize(11);
  }

  @Test
  void theSameTextSpreadOverDaysIsNoCampaign() {
    start(Map.of());
    for (int i = 0; i < 12; i++) {
      send(at(post("x:" + (200 + i), "acct" + i, VARIANTS.get(i), 0), Posts.T0.plusSeconds(86_400L * i)).build());
    }
    assertThat(campaigns.readValuesToList()).isEmpty();
  }

  @Test
  void aShareArrivingDaysLateWithinTheRetentionIsComparedAndOneBeyondItIsCountedTooLate() {
    start(Map.of(ProvwatchConfig.COORDINATION_RETENTION_MS, Long.toString(3 * 86_400_000L),
        ProvwatchConfig.COORDINATION_CAMPAIGN_MIN_ACCOUNTS, "2"));
    send(at(post("x:1", "ann", "see https://a.example/x", 0).setUrls(List.of("https://a.example/x")), Posts.T0).build());
    send(at(post("x:2", "zed", "later news https://b.example/y", 0).setUrls(List.of("https://b.example/y")), Posts.T0.plusSeconds(2 * 86_400)).build());
    // published 30 s after ann's share, arriving two days of publication time later: still a co-share
    send(at(post("x:3", "bob", "see https://a.example/x", 0).setUrls(List.of("https://a.example/x")), Posts.T0.plusSeconds(30)).build());
    assertThat(coordinatedPairs()).containsExactly("ann|bob");

    send(at(post("x:4", "zed", "much later https://b.example/z", 0).setUrls(List.of("https://b.example/z")), Posts.T0.plusSeconds(10 * 86_400)).build());
    send(at(post("x:5", "cat", "see https://a.example/x", 0).setUrls(List.of("https://a.example/x")), Posts.T0.plusSeconds(40)).build());
    assertThat(coordinatedPairs()).as("ten days behind the newest share: beyond the retention").isEmpty();
    double tooLate = (double) driver.metrics().entrySet().stream()
        .filter(m -> m.getKey().group().equals("stream-" + CoShareStep.METRICS_SCOPE + "-metrics")
            && m.getKey().name().equals(CoShareStep.TOO_LATE_OPERATION + "-total"))
        .mapToDouble(m -> (double) m.getValue().metricValue()).sum();
    assertThat(tooLate).isEqualTo(1.0);
    assertThat(assessments.readValuesToList()).as("a late post is still assessed").hasSize(5);
  }

  @Test
  void aPostIdSentTwiceInARowCountsOnceAndHoldsNothingBack() {
    start(Map.of(ProvwatchConfig.COORDINATION_CAMPAIGN_MIN_ACCOUNTS, "2", ProvwatchConfig.COORDINATION_MIN_REPETITION, "2"));
    Post first = at(post("x:1", "ann", "https://a.example/x", 0).setUrls(List.of("https://a.example/x")), Posts.T0).build();
    send(first);
    send(first);
    send(at(post("x:2", "bob", "https://a.example/x", 0).setUrls(List.of("https://a.example/x")), Posts.T0.plusSeconds(10)).build());
    assertThat(campaigns.readValuesToList()).as("one object co-shared, however often it was sent: no repetition").isEmpty();
    send(at(post("x:3", "ann", "https://a.example/y", 0).setUrls(List.of("https://a.example/y")), Posts.T0.plusSeconds(600)).build());
    send(at(post("x:4", "bob", "https://a.example/y", 0).setUrls(List.of("https://a.example/y")), Posts.T0.plusSeconds(630)).build());
    assertThat(coordinatedPairs()).containsExactly("ann|bob");
    assertThat(assessments.readValuesToList()).extracting(Assessment::getPostId).as("the repeat is assessed once")
        .containsExactly("x:1", "x:2", "x:3", "x:4");
  }

  /**
   * The property the branch is built for: the same shares in many random arrival orders and with 1 to
   * 3 coordination groups give exactly the batch oracle's coordinated pairs.
   */
  @Test
  void anyArrivalOrderAndAnyNumberOfGroupsGiveTheOraclesPairs() {
    Random random = new Random(20261207);
    List<Share> shares = new ArrayList<>();
    List<Post> sharePosts = new ArrayList<>();
    String[] accounts = {"ann", "bob", "cat", "dan", "eve", "fay", "gus", "hal"};
    for (int i = 0; i < 120; i++) {
      String account = accounts[random.nextInt(accounts.length)];
      String url = "https://news.example/" + random.nextInt(10);
      Instant at = Posts.T0.plusSeconds(random.nextInt(1800));
      String id = "x:" + i;
      shares.add(new Share("url:news.example/" + url.substring(url.lastIndexOf('/') + 1), account, id, at.toEpochMilli()));
      sharePosts.add(at(post(id, account, "read " + url, 0).setUrls(List.of(url)), at).build());
    }
    for (int minRepetition = 1; minRepetition <= 3; minRepetition++) {
      TreeSet<String> oracle = CoordinationOracle.coordinatedPairs(shares, 60_000, minRepetition);
      assertThat(oracle).as("pairs to find at min_repetition %d", minRepetition).isNotEmpty();
      for (int trial = 0; trial < 3; trial++) {
        List<Post> order = new ArrayList<>(sharePosts);
        Collections.shuffle(order, random);
        int groups = 1 + trial;
        start(Map.of(ProvwatchConfig.COORDINATION_TIME_WINDOW_MS, "60000", ProvwatchConfig.COORDINATION_MIN_REPETITION,
            Integer.toString(minRepetition), ProvwatchConfig.COORDINATION_CAMPAIGN_MIN_ACCOUNTS, "2", ProvwatchConfig.TOPIC_PARTITIONS,
            Integer.toString(groups)));
        order.forEach(this::send);
        assertThat(coordinatedPairs()).as("min_repetition %d, shuffle %d, %d groups", minRepetition, trial, groups).isEqualTo(oracle);
        stop();
      }
    }
  }

  /**
   * A deterministic slice of the German elections data set (its first rows by time: 5000 by default,
   * {@code -Dcoordination.slice=N}), shuffled, through the real topology: the pairs of its campaigns are the oracle's.
   */
  @Test
  void aShuffledSliceOfGermanElections2021ThroughTheTopologyMatchesTheOracle() {
    Path csv = GermanElectionsData.locate().orElse(null);
    Assumptions.assumeTrue(csv != null, "shared/data/coordination/" + GermanElectionsData.FILE + " is absent: skipping");
    List<GermanElectionsData.Row> rows = new ArrayList<>(GermanElectionsData.rows(csv));
    rows.sort((a, b) -> Long.compare(a.timestampSeconds(), b.timestampSeconds()));
    List<GermanElectionsData.Row> slice = rows.subList(0, Math.min(rows.size(), Integer.getInteger("coordination.slice", 5000)));
    start(Map.of(ProvwatchConfig.COORDINATION_TIME_WINDOW_MS, "60000", ProvwatchConfig.COORDINATION_MIN_REPETITION, "2",
        ProvwatchConfig.COORDINATION_MIN_HASHTAGS, "1", ProvwatchConfig.COORDINATION_CAMPAIGN_MIN_ACCOUNTS, "2",
        ProvwatchConfig.COORDINATION_PAIR_RETENTION_MS, Long.toString(400L * 86_400_000),
        ProvwatchConfig.COORDINATION_RETENTION_MS, Long.toString(200L * 86_400_000)));
    List<Post> order = new ArrayList<>();
    for (int i = 0; i < slice.size(); i++) {
      order.add(GermanElectionsData.post(slice.get(i), i));
    }
    Collections.shuffle(order, new Random(7));
    long start = System.nanoTime();
    order.forEach(this::send);
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(assessments.getQueueSize()).isEqualTo(slice.size());
    TreeSet<String> oracle = CoordinationOracle.coordinatedPairs(GermanElectionsData.shares(slice), 60_000, 2);
    assertThat(oracle).as("pairs to compare").isNotEmpty();
    assertThat(coordinatedPairs()).isEqualTo(oracle);
    System.out.printf("coordination topology: %d rows shuffled, time_window 60 s, min_repetition 2: %d coordinated pairs (oracle = topology),"
        + " %d ms on TopologyTestDriver%n", slice.size(), oracle.size(), elapsedMs);
  }
}

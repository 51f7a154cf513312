package io.provwatch.scoring.coordination;

import static io.provwatch.scoring.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.Campaign;
import io.provwatch.avro.CoordinationGather;
import io.provwatch.avro.CoordinationMessage;
import io.provwatch.avro.CoordinationMessageKind;
import io.provwatch.avro.CoordinationPairState;
import io.provwatch.avro.Post;
import io.provwatch.avro.Signal;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.TopologyTests;
import io.provwatch.platform.topics.Topics;
import io.provwatch.schemas.serde.AvroSerde;
import io.provwatch.scoring.Posts;
import io.provwatch.scoring.ScoringService;
import io.provwatch.scoring.ScoringTopologyBuilder;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordination step inside the production scoring topology, on TopologyTestDriver. */
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
    driver.close();
    TopologyTests.release(config);
  }

  private void send(Post post) {
    posts.pipeInput(post.getId(), post, post.getCreatedAt());
  }

  private Map<String, Assessment> byPostId() {
    return assessments.readValuesToList().stream().collect(Collectors.toMap(Assessment::getPostId, a -> a));
  }

  private static Signal signal(Assessment a, String name) {
    return a.getSignals().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  private static Post.Builder at(Post.Builder post, Instant createdAt) {
    return post.setCreatedAt(createdAt).setObservedAt(createdAt.plusSeconds(1));
  }

  @Test
  void twelveAccountsPostingNearIdenticalTextWithinTwoMinutesAreOneCampaignAndLaterMembersAreFlagged() {
    start(Map.of());
    for (int i = 0; i < 12; i++) {
      send(at(post("x:" + (100 + i), "acct" + i, VARIANTS.get(i), 0), Posts.T0.plusSeconds(10L * i)).build());
    }
    Map<String, Campaign> latest = new LinkedHashMap<>();
    campaigns.readKeyValuesToList().forEach(kv -> latest.put(kv.key, kv.value));
    assertThat(latest).hasSize(1);
    Campaign campaign = latest.values().iterator().next();
    assertThat(campaign.getMemberAccounts()).hasSize(12).contains("acct0", "acct11");
    assertThat(campaign.getSharedObjects()).singleElement().satisfies(o -> assertThat(o.getKind()).isEqualTo("text"));
    assertThat(campaign.getFirstSeen()).isEqualTo(Posts.T0);
    assertThat(campaign.getLastSeen()).isEqualTo(Posts.T0.plusSeconds(110));
    assertThat(campaign.getPostCount()).isEqualTo(12);
    KeyValueStore<String, Campaign> store = driver.getKeyValueStore(CoordinationStep.CAMPAIGNS_STORE);
    assertThat(store.get(campaign.getCampaignId()).getMemberAccounts()).hasSize(12);

    Map<String, Assessment> out = byPostId();
    assertThat(out).hasSize(12);
    assertThat(signal(out.get("x:100"), "coordination").getScore()).as("the first poster had no one to follow yet").isZero();
    Signal last = signal(out.get("x:111"), "coordination");
    assertThat(last.getScore()).isEqualTo(1.0);
    assertThat(last.getReasons().get(0)).startsWith("posted near-identical text (\"they are hiding").contains("as 11 other accounts within 2 min");
    assertThat(last.getEvidence()).containsEntry("campaignId", campaign.getCampaignId()).containsEntry("accountCount", "11");
    assertThat(last.getEvidence().get("accounts").split(",")).contains("acct0", "acct10");
    assertThat(signal(out.get("x:102"), "coordination").getEvidence()).as("the third makes the campaign size")
        .containsEntry("campaignId", campaign.getCampaignId());
    assertThat(out.get("x:111").getRisk()).isGreaterThanOrEqualTo(0.7);
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
    Map<String, Assessment> out = byPostId();
    assertThat(out).hasSize(11);
    assertThat(out.values()).allSatisfy(a -> assertThat(signal(a, "coordination").getScore()).as(a.getPostId()).isZero());
    assertThat(out.values()).allSatisfy(a -> assertThat(signal(a, "unattributed-copy").getScore()).as(a.getPostId()).isZero());
  }

  @Test
  void theSameTextSpreadOverDaysIsNoCampaign() {
    start(Map.of());
    for (int i = 0; i < 12; i++) {
      send(at(post("x:" + (200 + i), "acct" + i, VARIANTS.get(i), 0), Posts.T0.plusSeconds(86_400L * i)).build());
    }
    assertThat(campaigns.readValuesToList()).isEmpty();
    assertThat(byPostId().values()).hasSize(12).allSatisfy(a -> assertThat(signal(a, "coordination").getScore()).isZero());
  }

  @Test
  void aPostPublishedWithinTheGracePeriodBeforeNewerSharesCountsAndALaterOneIsReportedTooLate() {
    start(Map.of(ProvwatchConfig.COORDINATION_GRACE_MS, "600000"));
    String link = "https://news.example/story?id=7";
    send(at(post("x:300", "ann", "look", 0).setUrls(List.of(link)), Posts.T0.plusSeconds(600)).build());
    send(at(post("x:301", "bob", "look", 0).setUrls(List.of("https://www.news.example/story?id=7")), Posts.T0.plusSeconds(660)).build());
    // published 8 min before ann's share, arrives after it: within the 10 min grace period
    send(at(post("x:302", "cat", "look", 0).setUrls(List.of(link)), Posts.T0.plusSeconds(540)).build());
    // published 3 h before, arrives last: too late
    send(at(post("x:303", "dan", "look", 0).setUrls(List.of(link)), Posts.T0.minusSeconds(3 * 3600)).build());
    Map<String, Assessment> out = byPostId();

    Signal cat = signal(out.get("x:302"), "coordination");
    assertThat(cat.getEvidence()).containsEntry("accounts", "ann,bob").containsEntry("objectKind", "url").containsKey("campaignId");
    assertThat(cat.getReasons().get(0)).isEqualTo("posted the same link (news.example/story?id=7) as 2 other accounts within 2 min");
    Signal dan = signal(out.get("x:303"), "coordination");
    assertThat(dan.getScore()).isZero();
    assertThat(dan.getReasons()).singleElement().asString().contains("too late for the window");
    assertThat(dan.getEvidence()).containsEntry("tooLate", "url:news.example/story?id=7");
    assertThat(driver.metrics().entrySet()).as("the too-late counter").filteredOn(m -> m.getKey().group().equals("stream-provwatch-coordination-metrics")
            && m.getKey().name().equals(CoordinationStep.TOO_LATE_OPERATION + "-total"))
        .singleElement().satisfies(m -> assertThat(m.getValue().metricValue()).isEqualTo(1.0));
    List<Campaign> updates = campaigns.readValuesToList();
    assertThat(updates).hasSize(1);
    assertThat(updates.get(0).getMemberAccounts()).containsExactlyInAnyOrder("ann", "bob", "cat");
  }

  @Test
  void anAuthorPostingFarAboveTheCeilingBursts() {
    start(Map.of(ProvwatchConfig.BURST_AUTHOR_MAX_POSTS, "5"));
    for (int i = 0; i < 10; i++) {
      send(at(post("x:" + (400 + i), "spammer", "post number " + i, 0), Posts.T0.plusSeconds(30L * i)).build());
    }
    Map<String, Assessment> out = byPostId();
    assertThat(signal(out.get("x:403"), "burst").getScore()).as("4 posts: below 5").isZero();
    assertThat(signal(out.get("x:404"), "burst").getScore()).isEqualTo(0.5);
    Signal tenth = signal(out.get("x:409"), "burst");
    assertThat(tenth.getScore()).isEqualTo(1.0);
    assertThat(tenth.getReasons()).singleElement().asString().isEqualTo("the author posted 10 times within 10 min, with no earlier history to compare");
  }

  @Test
  void anIncompleteGatherIsDroppedAfterThePairRetentionAndLaterPostsFlowOn() {
    start(Map.of(ProvwatchConfig.COORDINATION_PAIR_RETENTION_MS, Long.toString(86_400_000L)));
    Serde<CoordinationMessage> messages = AvroSerde.specific(CoordinationMessage.class);
    messages.configure(config.serdeConfig(), false);
    // a pair fact whose post never comes, written straight to the gather's repartition topic
    TestInputTopic<String, CoordinationMessage> byPost = driver.createInputTopic(
        "ttd-scoring-coordination-by-post-repartition", Serdes.String().serializer(), messages.serializer());
    byPost.pipeInput("x:lost", CoordinationMessage.newBuilder().setKind(CoordinationMessageKind.PAIR_FACT).setPostId("x:lost")
        .setAccountId("ann").setCreatedAt(Posts.T0).setPartnerAccountId("bob").setRepetitions(1).build(), Posts.T0);
    KeyValueStore<String, CoordinationGather> gathering = driver.getKeyValueStore(CoordinationStep.GATHER_STORE);
    assertThat(gathering.get("x:lost")).isNotNull();

    send(at(post("x:500", "cat", "a day and a bit later", 0), Posts.T0.plusSeconds(90_000)).build());
    assertThat(gathering.get("x:lost")).isNull();
    assertThat(byPostId()).containsOnlyKeys("x:500");
  }

  /**
   * A deterministic slice of the German elections data set (its first rows by time: 1500 by default,
   * {@code -Dcoordination.slice=5000} for 36 h of it) through the real topology: the pairs in the
   * detector's pair store are the oracle's.
   */
  @Test
  void aSliceOfGermanElections2021ThroughTheTopologyMatchesTheOracle() {
    Path csv = GermanElectionsData.locate().orElse(null);
    Assumptions.assumeTrue(csv != null, "shared/data/coordination/" + GermanElectionsData.FILE + " is absent: skipping");
    List<GermanElectionsData.Row> rows = new ArrayList<>(GermanElectionsData.rows(csv));
    rows.sort((a, b) -> Long.compare(a.timestampSeconds(), b.timestampSeconds()));
    List<GermanElectionsData.Row> slice = rows.subList(0, Math.min(rows.size(), Integer.getInteger("coordination.slice", 1500)));
    start(Map.of(ProvwatchConfig.COORDINATION_TIME_WINDOW_MS, "60000", ProvwatchConfig.COORDINATION_MIN_REPETITION, "2",
        ProvwatchConfig.COORDINATION_MIN_HASHTAGS, "1", ProvwatchConfig.COORDINATION_PAIR_RETENTION_MS, Long.toString(400L * 86_400_000)));
    long start = System.nanoTime();
    for (int i = 0; i < slice.size(); i++) {
      send(GermanElectionsData.post(slice.get(i), i));
    }
    long elapsedMs = (System.nanoTime() - start) / 1_000_000;
    assertThat(assessments.getQueueSize()).isEqualTo(slice.size());

    Map<String, Integer> repetitions = new HashMap<>();
    KeyValueStore<String, CoordinationPairState> pairs = driver.getKeyValueStore(CoordinationStep.PAIRS_STORE);
    try (KeyValueIterator<String, CoordinationPairState> all = pairs.all()) {
      all.forEachRemaining((KeyValue<String, CoordinationPairState> kv) -> repetitions.put(kv.key, kv.value.getRepetitions()));
    }
    List<Share> shares = GermanElectionsData.shares(slice);
    for (int m = 1; m <= (slice.size() >= 5000 ? 2 : 1); m++) { // the first 1500 rows hold no pair that repeats
      int minRepetition = m;
      TreeSet<String> stream = repetitions.entrySet().stream().filter(e -> e.getValue() >= minRepetition).map(Map.Entry::getKey)
          .collect(Collectors.toCollection(TreeSet::new));
      TreeSet<String> oracle = CoordinationOracle.coordinatedPairs(shares, 60_000, minRepetition);
      assertThat(stream).as("min_repetition %d", m).isEqualTo(oracle);
      assertThat(oracle.size()).as("pairs to compare").isPositive();
      System.out.printf("coordination topology: %d rows, time_window 60 s, min_repetition %d: %d coordinated pairs (oracle = topology), %d ms on TopologyTestDriver%n",
          slice.size(), m, oracle.size(), elapsedMs);
    }
  }
}

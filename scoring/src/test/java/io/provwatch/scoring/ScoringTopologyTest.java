package io.provwatch.scoring;

import static io.provwatch.scoring.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.CredentialsVerdict;
import io.provwatch.avro.DeadLetter;
import io.provwatch.avro.MediaVerdict;
import io.provwatch.avro.Post;
import io.provwatch.avro.PostInContext;
import io.provwatch.avro.Signal;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.explain.ExplainStore;
import io.provwatch.platform.streams.LatestByKey;
import io.provwatch.platform.testing.TopologyTests;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.aitext.AiTextModel;
import io.provwatch.scoring.similarity.TextFingerprint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.WindowStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production scoring topology, exactly as ScoringTopologyBuilder builds it, on TopologyTestDriver. */
class ScoringTopologyTest {
  private static final String PHOTO = "https://files.example/harbour.jpg";
  private static final String OTHER = "https://files.example/pier.jpg";
  private static final Duration ONE_HOUR = Duration.ofHours(1);

  @TempDir Path dir;
  private ProvwatchConfig config;
  private TopologyTestDriver driver;
  private TestInputTopic<String, Post> posts;
  private TestOutputTopic<String, Assessment> assessments;
  private TestOutputTopic<String, DeadLetter> deadLetters;
  private TestInputTopic<String, MediaVerdict> verdicts;

  // at_least_once here: TopologyTestDriver under exactly_once_v2 does not surface dead letters that the
  // deserialization handler sends before the record is processed. ScoringIT proves them under EOS on a broker.
  // Posts with unchecked media are scored at once here; the media-wait tests below restart it with the production wait.
  @BeforeEach
  void start() {
    start(Duration.ZERO);
  }

  private void start(Duration mediaWait) {
    start(mediaWait, Map.of());
  }

  private void start(Duration mediaWait, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.putAll(Map.of(ProvwatchConfig.SCORING_RULE_SET_VERSION, "rules-test-7",
        ProvwatchConfig.PROCESSING_GUARANTEE, "at_least_once", ProvwatchConfig.SCORING_MEDIA_WAIT_MS, String.valueOf(mediaWait.toMillis())));
    config = TopologyTests.config(dir.resolve("wait-" + mediaWait.toMillis() + "-" + settings.hashCode()), all);
    driver = TopologyTests.driver(ScoringTopologyBuilder.fromConfig(config).build(), config, ScoringService.STAGE, Topics.ASSESSMENTS_DLQ);
    posts = TopologyTests.input(driver, Topics.POSTS, config);
    assessments = TopologyTests.output(driver, Topics.ASSESSMENTS, config);
    deadLetters = TopologyTests.output(driver, Topics.ASSESSMENTS_DLQ, config);
    verdicts = TopologyTests.input(driver, Topics.MEDIA_VERDICTS, config);
  }

  /** The production default: posts with unchecked media wait for their verdicts (wall clock, advanced by hand). */
  private void restartWithMediaWait(Duration wait) {
    stop();
    start(wait);
  }

  /** With seen posts and first copies remembered for one hour of event time. */
  private void restartWithOneHourRetention() {
    stop();
    start(Duration.ZERO, Map.of(ProvwatchConfig.SCORING_SEEN_POSTS_RETENTION_MS, String.valueOf(ONE_HOUR.toMillis()),
        ProvwatchConfig.SCORING_COPIES_RETENTION_MS, String.valueOf(ONE_HOUR.toMillis())));
  }

  @AfterEach
  void stop() {
    driver.close();
    TopologyTests.release(config);
  }

  private void send(Post post) {
    posts.pipeInput(post.getId(), post, post.getObservedAt());
  }

  /** The assessments out since the last read, the latest of each post (a copy scored before its late original is scored again). */
  private Map<String, Assessment> byPostId() {
    return assessments.readValuesToList().stream().collect(Collectors.toMap(Assessment::getPostId, a -> a, (first, later) -> later));
  }

  private static Signal signal(Assessment a, String name) {
    return a.getSignals().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void anOrdinaryPostIsAssessedWithNoRiskAndFullLineage() {
    send(post("mastodon:1", "alice", "The river walk reopens on Saturday after the flood repairs", 0).build());
    Assessment a = assessments.readValue();
    assertThat(a.getPostId()).isEqualTo("mastodon:1");
    assertThat(a.getRisk()).isZero();
    assertThat(a.getSignals()).extracting(Signal::getName).containsExactly("unattributed-copy", "unseen-original", "missing-media-digest",
        "provenance-credentials", "ai-text", "claim-match", "link-credibility");
    assertThat(signal(a, "ai-text").getEvidence()).as("58 characters: below the model's minimum").containsEntry("verdict", "too-short");
    assertThat(a.getModelVersion()).isEqualTo(PostAssessor.HEURISTICS_VERSION + "+" + AiTextModel.defaultModel().version())
        .startsWith("provwatch-heuristics-1+aitext-2-");
    assertThat(a.getRuleSetVersion()).isEqualTo("rules-test-7");
    assertThat(a.getInput().getTopic()).isEqualTo("posts");
    assertThat(a.getInput().getOffset()).isZero();
    assertThat(a.getProcessedAt()).as("stream time, not wall clock").isEqualTo(Posts.T0.plusSeconds(5));
  }

  @Test
  void mediaVerdictsAreJoinedByUrlAndMediaWithoutVerdictIsScoredAsNotYetChecked() {
    String tampered = "https://files.example/tampered.jpg";
    String later = "https://files.example/later.jpg";
    verdicts.pipeInput(tampered, MediaVerdict.newBuilder().setUrl(tampered).setSha256("00ff").setSize(10L)
        .setVerdict(CredentialsVerdict.INVALID).setFailureCodes(List.of("assertion.dataHash.mismatch"))
        .setFetchedAt(Posts.T0).build(), Posts.T0.toEpochMilli());

    send(post("mastodon:30", "alice", "Photo of the harbour fire this morning", 0)
        .setMedia(List.of(Posts.media(tampered, null), Posts.media(later, null))).build());
    Signal first = signal(assessments.readValue(), "provenance-credentials");
    assertThat(first.getScore()).isEqualTo(1.0);
    assertThat(first.getReasons()).singleElement().asString().contains(tampered, "edited after signing");
    assertThat(first.getEvidence()).containsEntry("mediaNotYetChecked", later);

    verdicts.pipeInput(later, MediaVerdict.newBuilder().setUrl(later).setVerdict(CredentialsVerdict.NO_CREDENTIALS)
        .setSha256("11ee").setSize(10L).setFetchedAt(Posts.T0).build(), Posts.T0.toEpochMilli());
    send(post("mastodon:31", "bob", "Another view of the harbour fire", 1).setMedia(List.of(Posts.media(later, null))).build());
    Signal second = signal(assessments.readValue(), "provenance-credentials");
    assertThat(second.getReasons()).singleElement().asString().contains(later, "no Content Credentials");
    assertThat(second.getEvidence()).doesNotContainKey("mediaNotYetChecked");
  }

  @Test
  void aCopyByAnotherAuthorWithoutLinkIsFlaggedButNotTheOriginalNorALinkedQuote() {
    String text = "City council approves the new tram line through the old harbour district";
    send(post("mastodon:10", "alice", text, 0).build());
    send(post("x:11", "mallory", "city council approves the NEW tram line through the old harbour district!! https://t.co/x", 1).build());
    send(post("bluesky:12", "bob", text, 2).setQuoteOf("mastodon:10").build());
    send(post("mastodon:13", "alice", text, 3).build());
    Map<String, Assessment> out = byPostId();

    assertThat(signal(out.get("mastodon:10"), "unattributed-copy").getScore()).isZero();
    Signal copy = signal(out.get("x:11"), "unattributed-copy");
    assertThat(copy.getScore()).isEqualTo(1.0);
    assertThat(copy.getEvidence()).containsEntry("originalPostId", "mastodon:10").containsEntry("originalAuthorId", "alice");
    // coordination is no per-post signal: the copy's risk is the copy's alone (weight 0.9)
    assertThat(out.get("x:11").getRisk()).isEqualTo(0.9);
    assertThat(signal(out.get("bluesky:12"), "unattributed-copy").getScore()).as("quote links to it").isZero();
    assertThat(signal(out.get("mastodon:13"), "unattributed-copy").getScore()).as("same author reposting themself").isZero();
  }

  @Test
  void aCopyBackdatedBeforeItsOriginalIsStillTheCopyInEitherProcessingOrder() {
    String text = "Harbour ferry timetable changes from Monday, the early boat is cancelled";
    // alice posts at minute 0; mallory copies it an hour later, claiming a createdAt a day earlier
    Post original = post("mastodon:20", "alice", text, 0).build();
    Post backdated = post("x:21", "mallory", text, 60).setCreatedAt(Posts.T0.minus(Duration.ofDays(1))).build();
    send(original);
    send(backdated);
    Map<String, Assessment> out = byPostId();
    assertThat(signal(out.get("mastodon:20"), "unattributed-copy").getScore()).isZero();
    assertThat(signal(out.get("x:21"), "unattributed-copy").getEvidence()).containsEntry("originalPostId", "mastodon:20");

    // the same two texts processed the other way round (the copy's partition ahead): provwatch read alice's first
    String other = "Library opening hours extended on Thursdays until nine in the evening";
    send(post("x:23", "mallory", other, 120).setCreatedAt(Posts.T0.minus(Duration.ofDays(1))).build());
    send(post("mastodon:22", "alice", other, 60).setObservedAt(Posts.T0.plusSeconds(60L * 60 + 5)).build());
    out = byPostId();
    assertThat(signal(out.get("mastodon:22"), "unattributed-copy").getScore()).as("read an hour before the backdated copy").isZero();

    // within the tolerance (read 10 minutes apart), the earlier createdAt is the original: a post arriving late is no copy
    String late = "Road closure on the bridge this weekend for resurfacing works";
    send(post("x:24", "bob", late, 200).build());
    send(post("mastodon:25", "carol", late, 198).setObservedAt(Posts.T0.plusSeconds(60L * 210)).build());
    send(post("x:26", "dave", late, 215).build());
    out = byPostId();
    assertThat(signal(out.get("x:26"), "unattributed-copy").getEvidence()).as("carol's post, read late, is the original")
        .containsEntry("originalPostId", "mastodon:25");
    assertThat(signal(out.get("x:24"), "unattributed-copy").getEvidence()).as("bob's, scored before carol's arrived, scored again")
        .containsEntry("originalPostId", "mastodon:25");
    assertThat(signal(out.get("mastodon:25"), "unattributed-copy").getScore()).isZero();
  }

  @Test
  void whichPostsAreCopiesDoesNotDependOnTheOrderTheyArriveIn() {
    String text = "The ferry to the islands is cancelled all weekend because of the storm";
    List<Post> published = List.of(post("mastodon:40", "alice", text, 0).build(), post("x:41", "bob", text, 3).build(),
        post("bluesky:42", "carol", text, 5).build(), post("x:43", "dave", text, 8).build());
    // arrival orders a backlog produces: in publication order, the reverse (the original's partition lags the most), mixed
    List<List<Integer>> orders = List.of(List.of(0, 1, 2, 3), List.of(3, 2, 1, 0), List.of(2, 0, 3, 1), List.of(1, 3, 0, 2));
    for (List<Integer> order : orders) {
      stop();
      start();
      order.forEach(i -> send(published.get(i)));
      List<Assessment> all = assessments.readValuesToList();
      Map<String, Assessment> latest = all.stream().collect(Collectors.toMap(Assessment::getPostId, a -> a, (first, later) -> later));
      assertThat(signal(latest.get("mastodon:40"), "unattributed-copy").getScore()).as("the original, order %s", order).isZero();
      for (String copy : List.of("x:41", "bluesky:42", "x:43")) {
        Signal signal = signal(latest.get(copy), "unattributed-copy");
        assertThat(signal.getScore()).as("%s, order %s", copy, order).isEqualTo(1.0);
        assertThat(signal.getEvidence().get("originalPostId")).as("%s names an earlier post of the text", copy).isIn(
            published.stream().filter(p -> p.getCreatedAt().isBefore(published.get(idIndex(published, copy)).getCreatedAt()))
                .map(Post::getId).toList());
      }
      // each post leaves once, and again only when a post that arrived later turned out to precede it
      long rescored = order.indexOf(0) == 0 ? 0 : all.size() - published.size();
      assertThat(scoringCounter(CopyCheck.LATE_ORIGINALS_OPERATION)).as("order %s", order).isEqualTo((double) rescored);
      assertThat(all).as("order %s", order).hasSizeBetween(published.size(), 2 * published.size() - 1);
    }
  }

  private static int idIndex(List<Post> posts, String id) {
    return posts.stream().map(Post::getId).toList().indexOf(id);
  }

  @Test
  void repostsOfSeenOriginalsAreFineAndOfUnseenOnesFlagged() {
    send(post("mastodon:20", "alice", "Lighthouse tours are back for the winter season, book early", 0).build());
    send(post("mastodon:21", "bob", "", 1).setRepostOf("mastodon:20").build());
    send(post("mastodon:22", "carol", "", 2).setRepostOf("mastodon:999").build());
    send(post("x:23", "dave", "Look at this", 3).setQuoteOf("x:404").build());
    Map<String, Assessment> out = byPostId();

    assertThat(out).hasSize(4);
    assertThat(signal(out.get("mastodon:21"), "unseen-original").getScore()).isZero();
    Signal unseen = signal(out.get("mastodon:22"), "unseen-original");
    assertThat(unseen.getScore()).isPositive();
    assertThat(unseen.getEvidence()).containsEntry("referencedPostId", "mastodon:999").containsEntry("referenceKind", "repost");
    assertThat(signal(out.get("x:23"), "unseen-original").getEvidence()).containsEntry("referenceKind", "quote");
  }

  @Test
  void mediaWithoutDigestIsAProvenanceGap() {
    send(post("reddit:t3_30", "erin", "Sunset over the bay tonight", 0).setMedia(Posts.oneUndigestedImage()).build());
    Assessment a = assessments.readValue();
    assertThat(signal(a, "missing-media-digest").getScore()).isEqualTo(1.0);
    assertThat(a.getRisk()).isEqualTo(0.4);
  }

  @Test
  void garbageBytesGoToTheDeadLetterTopicAndScoringGoesOn() {
    var raw = driver.createInputTopic(Topics.POSTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
    raw.pipeInput("bad-1".getBytes(StandardCharsets.UTF_8), "not avro at all".getBytes(StandardCharsets.UTF_8));
    send(post("mastodon:40", "frank", "Still scoring after the bad record arrived here", 0).build());

    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getErrorCode()).isEqualTo("DESERIALIZATION");
    assertThat(letters.get(0).getStage()).isEqualTo("scoring");
    assertThat(letters.get(0).getPosition()).isEqualTo("posts-0@0");
    assertThat(letters.get(0).getMessage()).contains("Not in Confluent wire format");
    assertThat(StandardCharsets.UTF_8.decode(letters.get(0).getRaw()).toString()).isEqualTo("not avro at all");
    assertThat(assessments.readValuesToList()).extracting(Assessment::getPostId).containsExactly("mastodon:40");
  }

  @Test
  void aRecordWithoutAPostIsAProcessingDeadLetterAndScoringGoesOn() {
    var raw = driver.createInputTopic(Topics.POSTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
    raw.pipeInput("bad-2".getBytes(StandardCharsets.UTF_8), (byte[]) null);
    send(post("mastodon:41", "frank", "Still scoring after the empty record arrived here", 0).build());

    List<DeadLetter> letters = deadLetters.readValuesToList();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getErrorCode()).isEqualTo("PROCESSING");
    assertThat(letters.get(0).getMessage()).contains("null value").contains("with-input");
    assertThat(assessments.readValuesToList()).extracting(Assessment::getPostId).containsExactly("mastodon:41");
  }

  @Test
  void theSameInputAlwaysGivesTheSameAssessments() {
    List<Post> input = List.of(
        post("mastodon:50", "alice", "Free bike repair workshop at the library this Sunday morning", 0).build(),
        post("x:51", "zed", "Free bike repair workshop at the library this Sunday morning", 1).setMedia(Posts.oneUndigestedImage()).build(),
        post("x:52", "yan", "", 2).setRepostOf("x:777").build());
    input.forEach(this::send);
    List<Assessment> first = assessments.readValuesToList();
    driver.close();
    TopologyTests.release(config);

    config = TopologyTests.config(dir.resolve("again"), Map.of(ProvwatchConfig.SCORING_RULE_SET_VERSION, "rules-test-7",
        ProvwatchConfig.SCORING_MEDIA_WAIT_MS, "0"));
    driver = TopologyTests.driver(ScoringTopologyBuilder.fromConfig(config).build(), config, ScoringService.STAGE, Topics.ASSESSMENTS_DLQ);
    posts = TopologyTests.input(driver, Topics.POSTS, config);
    assessments = TopologyTests.output(driver, Topics.ASSESSMENTS, config);
    input.forEach(this::send);
    assertThat(assessments.readValuesToList()).isEqualTo(first);
  }

  private void verdict(String url, CredentialsVerdict verdict) {
    verdicts.pipeInput(url, MediaVerdict.newBuilder().setUrl(url).setSha256("00ff").setSize(10L).setVerdict(verdict)
        .setFailureCodes(List.of()).setFetchedAt(Posts.T0).build(), Posts.T0.toEpochMilli());
  }

  @Test
  void aPostWithUncheckedMediaWaitsForItsVerdictAndKeepsItsOwnTimestamp() {
    restartWithMediaWait(Duration.ofSeconds(30));
    Post photo = post("mastodon:40", "alice", "Photo of the harbour fire this morning", 0).setMedia(List.of(Posts.media(PHOTO, null))).build();
    send(photo);
    send(post("mastodon:41", "bob", "No pictures, just words about the tide tables", 1).build());
    assertThat(assessments.readValuesToList()).as("the post without media is scored at once; the photo waits")
        .extracting(Assessment::getPostId).containsExactly("mastodon:41");

    verdict(PHOTO, CredentialsVerdict.NO_CREDENTIALS);
    driver.advanceWallClockTime(Duration.ofSeconds(1));

    Assessment released = assessments.readValue();
    assertThat(released.getPostId()).isEqualTo("mastodon:40");
    assertThat(signal(released, "provenance-credentials").getReasons()).singleElement().asString().contains(PHOTO, "no Content Credentials");
    assertThat(signal(released, "provenance-credentials").getEvidence()).doesNotContainKey("mediaNotYetChecked");
    assertThat(released.getProcessedAt()).as("the record's own time, not the release time").isEqualTo(photo.getObservedAt());
    assertThat(assessments.isEmpty()).isTrue();
  }

  @Test
  void aPostWhoseMediaStaysUncheckedIsScoredAfterTheWaitAndSaysSo() {
    restartWithMediaWait(Duration.ofSeconds(30));
    verdict(PHOTO, CredentialsVerdict.NO_CREDENTIALS);
    send(post("mastodon:50", "carol", "Two views of the pier at dawn", 0).setMedia(List.of(Posts.media(PHOTO, null), Posts.media(OTHER, null))).build());

    driver.advanceWallClockTime(Duration.ofSeconds(20));
    assertThat(assessments.isEmpty()).as("still within the wait").isTrue();

    driver.advanceWallClockTime(Duration.ofSeconds(11));
    Signal signal = signal(assessments.readValue(), "provenance-credentials");
    assertThat(signal.getEvidence()).containsEntry("mediaNotYetChecked", OTHER);
    assertThat(signal.getReasons()).singleElement().asString().contains(PHOTO);
  }

  @Test
  void aPostWhoseMediaWereCheckedBeforeItArrivesIsScoredAtOnce() {
    restartWithMediaWait(Duration.ofSeconds(30));
    verdict(PHOTO, CredentialsVerdict.NO_CREDENTIALS);
    send(post("mastodon:60", "dan", "The harbour this evening", 0).setMedia(List.of(Posts.media(PHOTO, null))).build());
    assertThat(assessments.readValue().getPostId()).isEqualTo("mastodon:60");
  }

  @Test
  void everyAssessmentCarriesTheConfigHashAndIsQueryableByPostId() {
    send(post("mastodon:h1", "alice", "The ferry timetable changes on Monday for the winter season", 0).build());
    Assessment a = assessments.readValue();
    PostAssessor production = PostAssessor.defaults("rules-test-7");
    assertThat(a.getConfigHash()).as("hash of this test's config").hasSize(16)
        .isEqualTo(ScoringConfigHash.of(config, production.combiner(), production.modelVersion()));
    assertThat(byPost("mastodon:h1")).isEqualTo(a);
    assertThat(byPost("mastodon:unknown")).isNull();
  }

  @Test
  void aCopiedPostRecordsTheLiveCoordinatesOfItsOriginalInItsLineage() {
    Post post = post("mastodon:o1", "alice", "The library opens late on Thursdays from next week on", 0).build();
    var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
    headers.add(io.provwatch.platform.topics.OriginHeader.NAME, io.provwatch.platform.topics.OriginHeader.encode("posts", 2, 4711));
    posts.pipeInput(new org.apache.kafka.streams.test.TestRecord<>(post.getId(), post, headers, post.getObservedAt()));
    Assessment a = assessments.readValue();
    assertThat(a.getInput().getTopic()).isEqualTo("posts");
    assertThat(a.getInput().getPartition()).isEqualTo(2);
    assertThat(a.getInput().getOffset()).isEqualTo(4711L);
  }

  @Test
  void anAssessmentIsQueryableForTheExplainRetentionOfEventTimeAndATombstoneDeletesIt() {
    stop();
    start(Duration.ZERO, Map.of(ProvwatchConfig.EXPLAIN_RETENTION_MS, String.valueOf(ONE_HOUR.toMillis())));
    send(post("mastodon:e1", "alice", "Night buses run every twenty minutes over the holidays", 0).build());
    send(post("mastodon:e2", "bob", "The museum is free on the first Sunday of every month", 30).build());
    Map<String, Assessment> out = byPostId();
    assertThat(byPost("mastodon:e1")).as("30 minutes old, within the retention").isEqualTo(out.get("mastodon:e1"));

    // 61 minutes after the first: its assessment is older than the retention by the step's clock, gone at this record
    send(post("mastodon:e3", "carol", "Snow is expected on the hills by the weekend", 61).build());
    assertThat(byPost("mastodon:e1")).as("older than the retention").isNull();
    assertThat(byPost("mastodon:e2")).isEqualTo(out.get("mastodon:e2"));
    assertThat(keysOf(ScoringTopologyBuilder.ASSESSMENTS_BY_POST_STORE)).containsExactlyInAnyOrder("mastodon:e2", "mastodon:e3");

    TestInputTopic<String, Assessment> assessmentsIn = TopologyTests.input(driver, Topics.ASSESSMENTS, config);
    assessmentsIn.pipeInput("mastodon:e2", null, Posts.T0.plusSeconds(62 * 60));
    assertThat(byPost("mastodon:e2")).as("tombstone").isNull();
    assertThat(keysOf(ScoringTopologyBuilder.ASSESSMENTS_BY_POST_STORE)).containsExactly("mastodon:e3");
  }

  /** The keys a store of the topology holds within its retention, through the driver. */
  private List<String> keysOf(String store) {
    return TopologyTests.latestKeysOf(driver, store);
  }

  /** What the explain route reads for {@code postId}. */
  private Assessment byPost(String postId) {
    return ExplainStore.latest(driver.<String, Assessment>getWindowStore(ScoringTopologyBuilder.ASSESSMENTS_BY_POST_STORE), postId);
  }

  @Test
  void aPostRepeatedWithTheSameContentIsScoredOnceCountedAndHoldsNothingBack() {
    Post post = post("mastodon:r1", "alice", "The night ferry is cancelled tonight because of the storm warning", 0).build();
    send(post);
    // a client's retry: the same post, read again a second later
    send(Post.newBuilder(post).setObservedAt(post.getObservedAt().plusSeconds(1)).build());
    send(Post.newBuilder(post).setObservedAt(post.getObservedAt().plusSeconds(2)).build());
    send(post("mastodon:r2", "bob", "", 1).setRepostOf("mastodon:r1").build());
    send(post("mastodon:r2", "bob", "", 1).setRepostOf("mastodon:r1").build());
    send(post("mastodon:r3", "carol", "Buses replace the night ferry until the storm has passed", 2).build());
    assertThat(assessments.readValuesToList()).extracting(Assessment::getPostId).as("each post once, the one after the repeats too")
        .containsExactly("mastodon:r1", "mastodon:r2", "mastodon:r3");
    assertThat(scoringCounter(OwnIdCheck.REPEATED_OPERATION)).isEqualTo(3.0);
    assertThat(scoringCounter(OwnIdCheck.EDITED_OPERATION)).isZero();
  }

  @Test
  void thePostIdAgainWithOtherContentIsAnEditAndIsScoredAgain() {
    Post post = post("mastodon:d1", "alice", "The library opens late on Thursdays from next week on", 0).build();
    send(post);
    send(Post.newBuilder(post).setText("The library opens late on Thursdays and Fridays from next week on")
        .setEditedAt(post.getCreatedAt().plusSeconds(60)).build());
    assertThat(assessments.readValuesToList()).extracting(Assessment::getPostId).containsExactly("mastodon:d1", "mastodon:d1");
    assertThat(scoringCounter(OwnIdCheck.EDITED_OPERATION)).isEqualTo(1.0);
    assertThat(scoringCounter(OwnIdCheck.REPEATED_OPERATION)).isZero();
  }

  /** The total of a counter of the scoring topology's own metrics, over its tasks. */
  private double scoringCounter(String operation) {
    return driver.metrics().entrySet().stream()
        .filter(m -> m.getKey().group().equals("stream-" + OwnIdCheck.METRICS_SCOPE + "-metrics")
            && m.getKey().name().equals(operation + "-total"))
        .mapToDouble(m -> (double) m.getValue().metricValue()).sum();
  }

  @Test
  void aRepostOfAnOriginalSeenLongerAgoThanTheRetentionCountsAsUnseen() {
    restartWithOneHourRetention();
    send(post("mastodon:70", "alice", "The tide tables for December are out now", 0).build());
    send(post("mastodon:71", "bob", "", 30).setRepostOf("mastodon:70").build());
    send(post("mastodon:72", "carol", "", 60).setQuoteOf("mastodon:70").build());
    send(post("mastodon:73", "dave", "", 61).setRepostOf("mastodon:70").build());
    Map<String, Assessment> out = byPostId();

    assertThat(signal(out.get("mastodon:71"), "unseen-original").getScore()).as("seen 30 minutes before").isZero();
    assertThat(signal(out.get("mastodon:72"), "unseen-original").getScore()).as("seen exactly the retention before: kept").isZero();
    Signal unseen = signal(out.get("mastodon:73"), "unseen-original");
    assertThat(unseen.getScore()).as("seen 61 minutes before, retention 60").isPositive();
    assertThat(unseen.getEvidence()).containsEntry("referencedPostId", "mastodon:70");
  }

  @Test
  void aCopyOfAPostFirstSeenLongerAgoThanTheRetentionIsNoCopyAndBecomesTheNewFirst() {
    restartWithOneHourRetention();
    String text = "Harbour bridge closed for repairs until the end of next month";
    send(post("mastodon:80", "alice", text, 0).build());
    send(post("x:81", "mallory", text, 30).build());
    send(post("x:82", "mallory", text, 61).build());
    send(post("x:83", "eve", text, 62).build());
    Map<String, Assessment> out = byPostId();

    Signal withinRetention = signal(out.get("x:81"), "unattributed-copy");
    assertThat(withinRetention.getScore()).isEqualTo(1.0);
    assertThat(withinRetention.getEvidence()).containsEntry("originalPostId", "mastodon:80");
    assertThat(signal(out.get("x:82"), "unattributed-copy").getScore()).as("its original was first seen 61 minutes before").isZero();
    Signal ofTheNewFirst = signal(out.get("x:83"), "unattributed-copy");
    assertThat(ofTheNewFirst.getScore()).isEqualTo(1.0);
    assertThat(ofTheNewFirst.getEvidence()).containsEntry("originalPostId", "x:82").containsEntry("originalAuthorId", "mallory");
  }

  @Test
  void whatTheRetentionExpiredIsGoneFromTheStoresWithoutACleanupAndTheRestIsKept() {
    restartWithOneHourRetention();
    send(post("mastodon:90", "alice", "Ferry fares rise by ten percent from January", 0).build());
    send(post("mastodon:91", "bob", "The old lighthouse gets a new coat of paint this spring", 1).build());
    send(post("mastodon:92", "carol", "", 2).setRepostOf("mastodon:90").build());
    assertThat(keysOf(ScoringTopologyBuilder.SEEN_POSTS_STORE)).containsExactlyInAnyOrder("mastodon:90", "mastodon:91", "mastodon:92");
    assertThat(keysOf(ScoringTopologyBuilder.FIRST_POST_BY_FINGERPRINT_STORE)).hasSize(2);

    // 72 minutes on, the first three are older than the retention by the steps' clocks
    Post later = post("mastodon:93", "dave", "Ferry fares rise by ten percent from January", 72).build();
    send(later);
    assertThat(keysOf(ScoringTopologyBuilder.SEEN_POSTS_STORE)).containsExactly("mastodon:93");
    send(post("mastodon:94", "erin", "", 90).setRepostOf("mastodon:93").build());
    assertThat(keysOf(ScoringTopologyBuilder.SEEN_POSTS_STORE)).containsExactly("mastodon:93", "mastodon:94");
    String fingerprint = TextFingerprint.of(later.getText()).orElseThrow();
    assertThat(keysOf(ScoringTopologyBuilder.FIRST_POST_BY_FINGERPRINT_STORE)).containsExactly(fingerprint);
    WindowStore<String, PostInContext> firsts = driver.getWindowStore(ScoringTopologyBuilder.FIRST_POST_BY_FINGERPRINT_STORE);
    assertThat(LatestByKey.latest(firsts, fingerprint).getPost().getId())
        .as("the same text, after the retention: the new first").isEqualTo("mastodon:93");
    Map<String, Assessment> out = byPostId();
    assertThat(signal(out.get("mastodon:93"), "unattributed-copy").getScore()).isZero();
    assertThat(signal(out.get("mastodon:94"), "unseen-original").getScore()).as("its original is within the retention").isZero();
  }
}

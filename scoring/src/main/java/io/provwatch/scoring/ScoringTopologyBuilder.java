package io.provwatch.scoring;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.ClaimBankEntry;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Media;
import io.provwatch.avro.MediaVerdict;
import io.provwatch.avro.Post;
import io.provwatch.avro.PostInContext;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.explain.ExplainStore;
import io.provwatch.platform.streams.LatestByKey;
import io.provwatch.platform.topics.OriginHeader;
import io.provwatch.platform.topics.Topics;
import io.provwatch.schemas.serde.AvroSerde;
import io.provwatch.scoring.coordination.CoordinationSettings;
import io.provwatch.scoring.coordination.CoordinationTopology;
import io.provwatch.schemas.serde.StoreAvroSerde;
import io.provwatch.scoring.claims.ClaimBankLoader;
import io.provwatch.scoring.claims.ClaimLookup;
import io.provwatch.scoring.claims.ClaimMatchModel;
import io.provwatch.scoring.claims.ClaimMatcher;
import io.provwatch.scoring.links.LinkLookup;
import io.provwatch.scoring.aitext.AiTextModel;
import io.provwatch.scoring.secondtier.SecondTierAssess;
import io.provwatch.scoring.secondtier.SecondTierClient;
import io.provwatch.scoring.secondtier.SecondTierSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the scoring topology {@code posts -> assessments}.
 *
 * <pre>
 * posts (keyed by id) ──► with-input (keeps topic/partition/offset) ──────────────┐
 * posts (keyed otherwise) ──► with-input-rekeyed ──► by-post-id (repartition) ──┴► own-id-check [store seen-posts]
 *       ──► (reposts and quotes) by-reference (repartition) ──► reference-lookup [store seen-posts] ──┐
 *       ──► (other posts) ─────────────────────────────────────────────────────────────────────────┴► by-fingerprint (repartition)
 *       ──► copy-check [store first-post-by-fingerprint]
 *       ──► media-lookup [global store media-verdicts; stores awaiting-media, awaiting-media-since]
 *       ──► claim-lookup [the instance's ClaimMatcher, filled from global store claim-bank] ──► link-lookup [global store domain-ratings]
 *       ──► assess (scorers + RiskCombiner) ──► assessments
 * posts ──► coordination branch (co-shares by object, pairs, campaigns; see CoordinationTopology) ──► campaigns
 * assessments ──► global store assessments-by-post (explain API: every instance holds every post's latest assessment, see ExplainStore)
 * media.verdicts ──► global store media-verdicts (every instance holds all verdicts, keyed by url)
 * factchecks     ──► global store claim-bank (the claims) and the instance's in-memory Lucene claim index (see ClaimMatcher)
 * domains        ──► global store domain-ratings (keyed by registrable domain)
 * </pre>
 *
 * <p>Each lookup runs where its key lives. A post is marked seen where its own id lives (the partition
 * of {@code posts} it was read from, when keyed by id: see {@link OwnIdCheck}, which also drops repeats)
 * and, if it reposts or quotes, asks where the referenced id lives whether that was seen
 * ({@link ReferenceLookup}). Copies are found
 * by re-keying on the text fingerprint ({@link CopyCheck}): a copy processed before its late original is
 * scored again, as a copy, when the original arrives. Known limit: partitions are processed
 * independently, so an original that is read after its repost (arriving late, or on a lagging
 * partition) counts as unseen. Seen posts and first posts are
 * remembered for {@code scoring.seen.posts.retention.ms} and {@code scoring.copies.retention.ms} of
 * record time (see {@link LatestByKey}). Media verdicts come from the media
 * stage ({@code media.verdicts}); a post waits up to {@code scoring.media.wait.ms} for them (see {@link MediaLookup}).
 */
public final class ScoringTopologyBuilder {
  /** Post id -> the step clock's time when it was first seen (a {@link LatestByKey} window store). */
  static final String SEEN_POSTS_STORE = "seen-posts";
  /**
   * Fingerprint -> its first post, whole, so it can be scored again as a copy when its late original arrives
   * (a {@link LatestByKey} window store: a late original is stored as the later entry; see {@link CopyCheck}).
   */
  static final String FIRST_POST_BY_FINGERPRINT_STORE = "first-post-by-fingerprint";
  static final String MEDIA_VERDICTS_STORE = "media-verdicts";
  static final String AWAITING_MEDIA_STORE = "awaiting-media";
  static final String AWAITING_MEDIA_SINCE_STORE = "awaiting-media-since";
  static final String CLAIM_BANK_STORE = "claim-bank";
  static final String DOMAIN_RATINGS_STORE = "domain-ratings";
  /**
   * Queryable store (explain API): post id -> its latest assessment, read back from the assessments topic and
   * kept for {@code explain.retention.ms} of record time (see {@link ExplainStore}).
   */
  public static final String ASSESSMENTS_BY_POST_STORE = "assessments-by-post";

  private final Map<String, Object> serdeConfig;
  private final PostAssessor assessor;
  private final Optional<SecondTierClient> secondTier;
  private final Duration mediaWait;
  private final CoordinationSettings coordination;
  private final ClaimMatchModel claimModel;
  private final long seenPostsRetentionMs;
  private final long copiesRetentionMs;
  private final long copiesBackdateToleranceMs;
  private final long explainRetentionMs;
  private final ProvwatchConfig config;
  private final TopicNames topics;

  /** The topics the topology reads and writes: the live ones, or a replay's. */
  public record TopicNames(String posts, String assessments, String mediaVerdicts, String campaigns) {
    public static final TopicNames LIVE = new TopicNames(Topics.POSTS.name(), Topics.ASSESSMENTS.name(), Topics.MEDIA_VERDICTS.name(),
        Topics.CAMPAIGNS.name());
  }

  public ScoringTopologyBuilder(ProvwatchConfig config, PostAssessor assessor) {
    this(config, assessor, Optional.empty());
  }

  /** With {@code secondTier}, posts the AI-text scorer flags are also sent to an external detector (see {@link SecondTierAssess}). */
  public ScoringTopologyBuilder(ProvwatchConfig config, PostAssessor assessor, Optional<SecondTierClient> secondTier) {
    this(config, assessor, secondTier, TopicNames.LIVE);
  }

  private ScoringTopologyBuilder(ProvwatchConfig config, PostAssessor assessor, Optional<SecondTierClient> secondTier, TopicNames topics) {
    this.serdeConfig = config.serdeConfig();
    this.assessor = assessor;
    this.secondTier = secondTier;
    this.mediaWait = config.getBoolean(ProvwatchConfig.MEDIA_FETCH_ENABLED)
        ? Duration.ofMillis(config.getLong(ProvwatchConfig.SCORING_MEDIA_WAIT_MS)) : Duration.ZERO;
    this.coordination = CoordinationSettings.fromConfig(config);
    this.claimModel = ClaimMatchModel.defaultModel().withThreshold(Optional.ofNullable(config.getDouble(ProvwatchConfig.SCORING_CLAIMS_MIN_PROBABILITY))
        .orElse(ClaimMatchModel.defaultModel().threshold()));
    this.seenPostsRetentionMs = config.getLong(ProvwatchConfig.SCORING_SEEN_POSTS_RETENTION_MS);
    this.copiesRetentionMs = config.getLong(ProvwatchConfig.SCORING_COPIES_RETENTION_MS);
    this.copiesBackdateToleranceMs = config.getLong(ProvwatchConfig.SCORING_COPIES_BACKDATE_TOLERANCE_MS);
    this.explainRetentionMs = config.getLong(ProvwatchConfig.EXPLAIN_RETENTION_MS);
    this.config = config;
    this.topics = topics;
  }

  /** The same topology on other topics, e.g. a replay's audit topics. */
  public ScoringTopologyBuilder withTopics(TopicNames topicNames) {
    return new ScoringTopologyBuilder(config, assessor, secondTier, topicNames);
  }

  /**
   * The production topology: the provenance scorers and the AI-text detector, default weights,
   * rule-set version from config, and the second tier when {@code scoring.second.tier.url} is set.
   */
  public static ScoringTopologyBuilder fromConfig(ProvwatchConfig config) {
    return fromConfig(config, AiTextModel.defaultModel());
  }

  /** {@link #fromConfig(ProvwatchConfig)} with another AI-text model; the config hash is computed once, here. */
  public static ScoringTopologyBuilder fromConfig(ProvwatchConfig config, AiTextModel aiTextModel) {
    PostAssessor assessor = PostAssessor.defaults(config.getString(ProvwatchConfig.SCORING_RULE_SET_VERSION), aiTextModel);
    assessor = assessor.withConfigHash(ScoringConfigHash.of(config, assessor.combiner(), assessor.modelVersion()));
    return new ScoringTopologyBuilder(config, assessor, SecondTierSettings.fromConfig(config).map(SecondTierClient::new));
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    Serde<String> keys = Serdes.String();
    Serde<PostInContext> inContext = AvroSerde.specific(PostInContext.class);
    inContext.configure(serdeConfig, false);

    builder.addStateStore(LatestByKey.storeBuilder(SEEN_POSTS_STORE, seenPostsRetentionMs, Serdes.Long()));
    builder.addStateStore(LatestByKey.storeBuilder(FIRST_POST_BY_FINGERPRINT_STORE, copiesRetentionMs, inContext));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AWAITING_MEDIA_STORE), keys, inContext));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AWAITING_MEDIA_SINCE_STORE), keys, Serdes.Long()));

    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MEDIA_VERDICTS_STORE), keys,
            Topics.MEDIA_VERDICTS.valueSerde(serdeConfig)).withLoggingDisabled(),
        topics.mediaVerdicts(),
        Consumed.with(Topics.MEDIA_VERDICTS.keySerde(serdeConfig), Topics.MEDIA_VERDICTS.valueSerde(serdeConfig))
            .withName("media-verdicts-source"),
        () -> new GlobalStoreLoader<>(MEDIA_VERDICTS_STORE));
    // every task of this instance looks claims up in the one in-memory index that the global loader fills (see ClaimMatcher)
    ClaimMatcher claimMatcher = new ClaimMatcher(claimModel);
    // the claim bank's store is never on a topic (its loader rebuilds it from factchecks), so no registry
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLAIM_BANK_STORE), keys, StoreAvroSerde.of(ClaimBankEntry.class))
            .withLoggingDisabled(),
        Topics.FACTCHECKS.name(),
        Consumed.with(Topics.FACTCHECKS.keySerde(serdeConfig), Topics.FACTCHECKS.valueSerde(serdeConfig)).withName("factchecks-source"),
        () -> new ClaimBankLoader(CLAIM_BANK_STORE, claimMatcher));
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DOMAIN_RATINGS_STORE), keys,
            Topics.DOMAINS.valueSerde(serdeConfig)).withLoggingDisabled(),
        Topics.DOMAINS.name(),
        Consumed.with(Topics.DOMAINS.keySerde(serdeConfig), Topics.DOMAINS.valueSerde(serdeConfig)).withName("domains-source"),
        () -> new GlobalStoreLoader<>(DOMAIN_RATINGS_STORE));

    KStream<String, Post> posts = builder.stream(topics.posts(),
        Consumed.with(Topics.POSTS.keySerde(serdeConfig), Topics.POSTS.valueSerde(serdeConfig)).withName("posts-source"));
    new CoordinationTopology(coordination, serdeConfig, topics.campaigns(), assessor.ruleSetVersion(), assessor.configHash())
        .addTo(builder, posts);
    // Posts are keyed by their id with Kafka's default partitioner (as ingest writes them), so a post read from partition p
    // has its id's seen-mark on p: marked there, with no repartition. Only references travel (to where the referenced id
    // lives, the same task), and posts a producer keyed otherwise (first to where their id lives).
    Map<String, KStream<String, Post>> byKey = posts.split(Named.as("posts-"))
        .branch((key, post) -> post != null && post.getId().equals(key), Branched.as("keyed-by-id"))
        .defaultBranch(Branched.as("keyed-otherwise"));
    KStream<String, PostInContext> rekeyed = byKey.get("posts-keyed-otherwise").process(WithInput::new, Named.as("with-input-rekeyed"))
        .repartition(Repartitioned.with(keys, inContext).withName("by-post-id"));
    KStream<String, PostInContext> underOwnId = byKey.get("posts-keyed-by-id").process(WithInput::new, Named.as("with-input"))
        .merge(rekeyed, Named.as("under-own-id"))
        .process(() -> new OwnIdCheck(SEEN_POSTS_STORE, seenPostsRetentionMs), Named.as("own-id-check"), SEEN_POSTS_STORE);
    // the own-id check keys a repost or quote by its referenced id, any other post by its text fingerprint
    KStream<String, PostInContext> lookedUp = underOwnId.filter(ScoringTopologyBuilder::underReferencedId, Named.as("references"))
        .repartition(Repartitioned.with(keys, inContext).withName("by-reference"))
        .process(() -> new ReferenceLookup(SEEN_POSTS_STORE, seenPostsRetentionMs), Named.as("reference-lookup"), SEEN_POSTS_STORE);
    KStream<String, PostInContext> checked = underOwnId.filterNot(ScoringTopologyBuilder::underReferencedId, Named.as("no-references"))
        .merge(lookedUp, Named.as("to-copy-check"))
        .repartition(Repartitioned.with(keys, inContext).withName("by-fingerprint"))
        .process(() -> new CopyCheck(FIRST_POST_BY_FINGERPRINT_STORE, copiesRetentionMs, copiesBackdateToleranceMs), Named.as("copy-check"),
            FIRST_POST_BY_FINGERPRINT_STORE)
        .process(() -> new MediaLookup(mediaWait), Named.as("media-lookup"), AWAITING_MEDIA_STORE, AWAITING_MEDIA_SINCE_STORE)
        .process(() -> new ClaimLookup(claimMatcher), Named.as("claim-lookup"))
        .process(() -> new LinkLookup(DOMAIN_RATINGS_STORE), Named.as("link-lookup"));
    KStream<String, Assessment> assessed = secondTier.isPresent()
        ? checked.process(() -> new SecondTierAssess(assessor, secondTier.get()), Named.as("assess"))
        : checked.mapValues(assessor::assess, Named.as("assess"));
    assessed
        .to(topics.assessments(), Produced.with(Topics.ASSESSMENTS.keySerde(serdeConfig), Topics.ASSESSMENTS.valueSerde(serdeConfig))
            .withName("assessments-sink"));
    // a global store read from the topic: the topic is its changelog (ExplainStore)
    ExplainStore.addTo(builder, topics.assessments(),
        Consumed.with(Topics.ASSESSMENTS.keySerde(serdeConfig), Topics.ASSESSMENTS.valueSerde(serdeConfig)).withName("assessments-by-post-source"),
        ASSESSMENTS_BY_POST_STORE, Topics.ASSESSMENTS.valueSerde(serdeConfig), explainRetentionMs);
    return builder.build();
  }

  private static boolean underReferencedId(String key, PostInContext in) {
    String referenced = PostContext.referencedId(in.getPost());
    return referenced != null && !referenced.equals(in.getPost().getId()) && key.equals(referenced);
  }

  /** Wraps each post with its coordinates in {@code posts}, keyed by its id. */
  static final class WithInput implements Processor<String, Post, String, PostInContext> {
    private ProcessorContext<String, PostInContext> context;

    @Override
    public void init(ProcessorContext<String, PostInContext> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, Post> record) {
      Post post = record.value();
      if (post == null) {
        throw new IllegalArgumentException("record without a post (null value, key " + record.key() + ")");
      }
      RecordMetadata meta = context.recordMetadata().orElseThrow();
      // a replay's copy names its original in posts, so lineage points at the live record
      InputRef input = OriginHeader.decode(record.headers()).orElseGet(() ->
          InputRef.newBuilder().setTopic(meta.topic()).setPartition(meta.partition()).setOffset(meta.offset()).build());
      PostInContext in = PostInContext.newBuilder()
          .setPost(post)
          .setInput(input)
          .setInputTimestamp(java.time.Instant.ofEpochMilli(record.timestamp()))
          .build();
      context.forward(record.withKey(post.getId()).withValue(in));
    }
  }

  /** Keeps a global store equal to its compacted topic (media verdicts by url, domain ratings by domain); a tombstone deletes. */
  static final class GlobalStoreLoader<V> implements Processor<String, V, Void, Void> {
    private final String storeName;
    private KeyValueStore<String, V> store;

    GlobalStoreLoader(String storeName) {
      this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
      if (record.key() == null) {
        return;
      }
      if (record.value() == null) {
        store.delete(record.key());
      } else {
        store.put(record.key(), record.value());
      }
    }
  }

  /**
   * Attaches the media stage's verdicts for the post's media urls. A post whose media were not all
   * checked yet waits (in a store, so it survives a restart) until they are, or until {@code wait}
   * has passed on the wall clock: the media stage works in wall-clock time, fetching in parallel to
   * scoring, and without the wait most posts would be scored before their verdict exists. A post
   * released unchecked is scored with what is known, and the provenance scorer says which media were
   * not checked. It keeps its own record timestamp, so its assessment does not depend on when it
   * was released. A replay, run when the verdicts exist, releases every post at once.
   */
  static final class MediaLookup implements Processor<String, PostInContext, String, PostInContext> {
    /** How often held posts are looked at again; short enough that a fresh verdict is used within a second. */
    private static final Duration RECHECK_INTERVAL = Duration.ofMillis(500);

    private final Duration wait;
    private ProcessorContext<String, PostInContext> context;
    private KeyValueStore<String, MediaVerdict> verdicts;
    private KeyValueStore<String, PostInContext> awaiting;
    private KeyValueStore<String, Long> awaitingSince;

    MediaLookup(Duration wait) {
      this.wait = wait;
    }

    @Override
    public void init(ProcessorContext<String, PostInContext> context) {
      this.context = context;
      this.verdicts = context.getStateStore(MEDIA_VERDICTS_STORE);
      this.awaiting = context.getStateStore(AWAITING_MEDIA_STORE);
      this.awaitingSince = context.getStateStore(AWAITING_MEDIA_SINCE_STORE);
      context.schedule(RECHECK_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::releaseChecked);
    }

    @Override
    public void process(Record<String, PostInContext> record) {
      PostInContext in = record.value();
      boolean complete = attachKnownVerdicts(in);
      if (complete || wait.isZero()) {
        context.forward(record.withValue(in));
      } else {
        awaiting.put(record.key(), in);
        awaitingSince.put(record.key(), context.currentSystemTimeMs());
      }
    }

    /** Sets the verdicts known so far; true when every media url has one. */
    private boolean attachKnownVerdicts(PostInContext in) {
      Map<String, MediaVerdict> known = new HashMap<>();
      boolean complete = true;
      for (Media media : in.getPost().getMedia()) {
        MediaVerdict verdict = verdicts.get(media.getUrl());
        if (verdict != null) {
          known.put(media.getUrl(), verdict);
        } else {
          complete = false;
        }
      }
      in.setMediaVerdicts(known);
      return complete;
    }

    private void releaseChecked(long now) {
      List<KeyValue<String, PostInContext>> due = new ArrayList<>();
      try (KeyValueIterator<String, PostInContext> held = awaiting.all()) {
        while (held.hasNext()) {
          KeyValue<String, PostInContext> entry = held.next();
          Long since = awaitingSince.get(entry.key);
          if (attachKnownVerdicts(entry.value) || since == null || now - since >= wait.toMillis()) {
            due.add(entry);
          }
        }
      }
      for (KeyValue<String, PostInContext> entry : due) {
        awaiting.delete(entry.key);
        awaitingSince.delete(entry.key);
        context.forward(new Record<>(entry.key, entry.value, entry.value.getInputTimestamp().toEpochMilli()));
      }
    }
  }
}

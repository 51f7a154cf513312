package io.provwatch.scoring.coordination;

import io.provwatch.avro.Campaign;
import io.provwatch.avro.CoSharer;
import io.provwatch.avro.CoordinationFacts;
import io.provwatch.avro.CoordinationGather;
import io.provwatch.avro.CoordinationMessage;
import io.provwatch.avro.CoordinationMessageKind;
import io.provwatch.avro.CoordinationObjectState;
import io.provwatch.avro.CoordinationPairState;
import io.provwatch.avro.ObjectFact;
import io.provwatch.avro.Post;
import io.provwatch.avro.PostInContext;
import io.provwatch.platform.streams.StepClock;
import io.provwatch.platform.streams.TimeOrderedKey;
import io.provwatch.platform.topics.Topics;
import io.provwatch.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coordination step of the scoring topology: scatter each post into its shared objects, find
 * co-shares per object, count repetitions per account pair, gather the facts back on the post.
 *
 * <pre>
 * post ──► coordination-scatter ──► POST (by post id) ─────────────────────────────────────────┐
 *                               └─► SHARE per object ──► coordination-by-object (repartition)    │
 *   ──► coordination-objects [store coordination-objects] ──► OBJECT_FACT (by post id) ──────────┤
 *                                                        └─► PAIR_SHARE per partner account      │
 *   ──► coordination-by-pair (repartition) ──► coordination-pairs [store coordination-pairs]     │
 *   ──► PAIR_FACT (by post id) ───────────────────────────────────────────────────────────────────┤
 *   ◄── coordination-gather [store coordination-gather] ◄── coordination-by-post (repartition) ◄──┘
 *   ──► post with CoordinationFacts, and CAMPAIGN updates ──► campaigns-by-id ──► [store campaigns] ──► campaigns
 * </pre>
 *
 * <p>The gather knows how many facts to wait for: the POST and every OBJECT_FACT carry the post's
 * object count, every OBJECT_FACT the number of pair facts it caused. Event time is the posts'
 * publication time; state is forgotten in stream time (shares after window + grace, pairs and author
 * histories after the pair retention), so a replay of the same input gives the same facts.
 */
public final class CoordinationStep {
  public static final String OBJECTS_STORE = "coordination-objects";
  public static final String PAIRS_STORE = "coordination-pairs";
  public static final String GATHER_STORE = "coordination-gather";
  /** {@link TimeOrderedKey} of the offset of a post's own message in the gather's input -> post id: the order posts leave in. */
  public static final String GATHER_ORDER_STORE = "coordination-gather-order";
  /** Post id -> the post, while its facts are gathered: written once, not with every fact. */
  public static final String GATHER_POSTS_STORE = "coordination-gather-posts";
  /** Campaign id -> latest Campaign, queryable (the explain API reads it). */
  public static final String CAMPAIGNS_STORE = "campaigns";
  private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(10);
  private static final Logger LOG = LoggerFactory.getLogger(CoordinationStep.class);

  /** Metric group (as Streams prefixes it: {@code stream-provwatch-coordination-metrics}) of the too-late counter. */
  public static final String METRICS_SCOPE = "provwatch-coordination";
  /** Streams metric {@code too-late-shares-total}: shares published longer than the grace period before their object's newest share. */
  public static final String TOO_LATE_OPERATION = "too-late-shares";

  private final CoordinationSettings settings;
  private final Map<String, Object> serdeConfig;
  private final String campaignsTopic;

  /** Publishing campaigns to the live {@code campaigns} topic. */
  public CoordinationStep(CoordinationSettings settings, Map<String, Object> serdeConfig) {
    this(settings, serdeConfig, Topics.CAMPAIGNS.name());
  }

  /** Publishing campaigns to {@code campaignsTopic} (a replay writes elsewhere than the live topic). */
  public CoordinationStep(CoordinationSettings settings, Map<String, Object> serdeConfig, String campaignsTopic) {
    this.settings = settings;
    this.serdeConfig = serdeConfig;
    this.campaignsTopic = campaignsTopic;
  }

  /** Adds the step to {@code builder}: posts in (keyed by post id), the same posts with their coordination facts out. */
  public KStream<String, PostInContext> apply(StreamsBuilder builder, KStream<String, PostInContext> posts) {
    Serde<String> keys = Serdes.String();
    Serde<CoordinationMessage> messages = serde(CoordinationMessage.class);
    Serde<Campaign> campaigns = Topics.CAMPAIGNS.valueSerde(serdeConfig);
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(OBJECTS_STORE), keys, serde(CoordinationObjectState.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PAIRS_STORE), keys, serde(CoordinationPairState.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(GATHER_STORE), keys, serde(CoordinationGather.class)));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(GATHER_ORDER_STORE), keys, keys));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(GATHER_POSTS_STORE), keys, serde(PostInContext.class)));
    SharedObjects sharedObjects = new SharedObjects(settings.minHashtags());

    KStream<String, CoordinationMessage> scattered = posts.flatMap((postId, in) -> scatter(sharedObjects, in), Named.as("coordination-scatter"));
    KStream<String, CoordinationMessage> toGatherFirst = scattered.filter((k, m) -> m.getKind() == CoordinationMessageKind.POST,
        Named.as("coordination-posts"));
    KStream<String, CoordinationMessage> found = scattered
        .filter((k, m) -> m.getKind() == CoordinationMessageKind.SHARE, Named.as("coordination-shares"))
        .repartition(Repartitioned.with(keys, messages).withName("coordination-by-object"))
        .process(() -> new ObjectStep(settings), Named.as("coordination-objects"), OBJECTS_STORE);
    KStream<String, CoordinationMessage> pairFacts = found
        .filter((k, m) -> m.getKind() == CoordinationMessageKind.PAIR_SHARE, Named.as("coordination-pair-shares"))
        .repartition(Repartitioned.with(keys, messages).withName("coordination-by-pair"))
        .process(() -> new PairStep(settings), Named.as("coordination-pairs"), PAIRS_STORE);
    KStream<String, CoordinationMessage> gathered = toGatherFirst
        .merge(found.filter((k, m) -> m.getKind() == CoordinationMessageKind.OBJECT_FACT, Named.as("coordination-object-facts")),
            Named.as("coordination-merge-objects"))
        .merge(pairFacts, Named.as("coordination-merge-pairs"))
        .repartition(Repartitioned.with(keys, messages).withName("coordination-by-post"))
        .process(() -> new GatherStep(settings), Named.as("coordination-gather"), GATHER_STORE, GATHER_ORDER_STORE,
            GATHER_POSTS_STORE);

    gathered.filter((k, m) -> m.getKind() == CoordinationMessageKind.CAMPAIGN, Named.as("coordination-campaign-updates"))
        .map((k, m) -> KeyValue.pair(m.getCampaign().getCampaignId(), m.getCampaign()), Named.as("coordination-campaign-by-id"))
        .groupByKey(Grouped.with("campaigns-by-id", keys, campaigns))
        .reduce(CampaignMerge::merge, Named.as("campaigns-merge"),
            Materialized.<String, Campaign, KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(CAMPAIGNS_STORE)
                .withKeySerde(keys).withValueSerde(campaigns))
        .toStream(Named.as("campaigns-changes"))
        .to(campaignsTopic, Produced.with(Topics.CAMPAIGNS.keySerde(serdeConfig), campaigns).withName("campaigns-sink"));
    return gathered.filter((k, m) -> m.getKind() == CoordinationMessageKind.POST, Named.as("coordination-done"))
        .mapValues(CoordinationMessage::getPost, Named.as("coordination-facts"));
  }

  private <T extends org.apache.avro.specific.SpecificRecord> Serde<T> serde(Class<T> type) {
    Serde<T> serde = AvroSerde.specific(type);
    serde.configure(serdeConfig, false);
    return serde;
  }

  static List<KeyValue<String, CoordinationMessage>> scatter(SharedObjects sharedObjects, PostInContext in) {
    Post post = in.getPost();
    List<SharedObject> objects = sharedObjects.of(post);
    List<KeyValue<String, CoordinationMessage>> out = new ArrayList<>(objects.size() + 1);
    out.add(KeyValue.pair(post.getId(), message(CoordinationMessageKind.POST, post, objects.size()).setPost(in).build()));
    for (SharedObject object : objects) {
      out.add(KeyValue.pair(object.key(), message(CoordinationMessageKind.SHARE, post, objects.size())
          .setObjectKind(object.kind()).setObjectKey(object.key()).setObjectLabel(object.label()).setMinHash(object.minHash()).build()));
    }
    return out;
  }

  private static CoordinationMessage.Builder message(CoordinationMessageKind kind, Post post, int objectCount) {
    return CoordinationMessage.newBuilder().setKind(kind).setPostId(post.getId()).setAccountId(post.getAuthor().getId())
        .setCreatedAt(post.getCreatedAt()).setObjectCount(objectCount);
  }

  /** Deletes the entries of {@code store} that {@code idle} says are no longer needed. */
  static <V> void forget(KeyValueStore<String, V> store, BiPredicate<String, V> idle) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, V> all = store.all()) {
      while (all.hasNext()) {
        var entry = all.next();
        if (idle.test(entry.key, entry.value)) {
          keys.add(entry.key);
        }
      }
    }
    keys.forEach(store::delete);
  }

  /** Under an object key: the object's co-shares and campaign; one OBJECT_FACT back to the post, one PAIR_SHARE per partner. */
  static final class ObjectStep implements Processor<String, CoordinationMessage, String, CoordinationMessage> {
    private final CoordinationSettings settings;
    private final ObjectDetector detector;
    private ProcessorContext<String, CoordinationMessage> context;
    private KeyValueStore<String, CoordinationObjectState> objects;
    private Sensor tooLate;
    private final StepClock clock = new StepClock();

    ObjectStep(CoordinationSettings settings) {
      this.settings = settings;
      this.detector = new ObjectDetector(settings);
    }

    @Override
    public void init(ProcessorContext<String, CoordinationMessage> context) {
      this.context = context;
      this.objects = context.getStateStore(OBJECTS_STORE);
      this.tooLate = context.metrics().addRateTotalSensor(METRICS_SCOPE, context.taskId().toString(), TOO_LATE_OPERATION,
          Sensor.RecordingLevel.INFO);
      context.schedule(CLEANUP_INTERVAL, PunctuationType.STREAM_TIME, this::forgetIdle);
    }

    @Override
    public void process(Record<String, CoordinationMessage> record) {
      CoordinationMessage share = record.value();
      SharedObject object = new SharedObject(share.getObjectKind(), share.getObjectKey(), share.getObjectLabel(), share.getMinHash());
      long createdAt = share.getCreatedAt().toEpochMilli();
      // memory is managed in arrival time: a backfill of old posts, out of order by weeks, keeps what it still needs
      clock.advance(record.timestamp());
      CoordinationObjectState state = objects.get(record.key());
      if (state != null && idle(record.key(), state)) {
        state = null; // gone by this step's clock, whether or not the cleanup has run yet
      }
      ObjectDetector.Outcome outcome = detector.share(state, object, share.getAccountId(), share.getPostId(), createdAt);
      if (outcome.fact().getTooLate()) {
        // counted in the metric and reported in the post's reasons and evidence; one log line per share would flood a backfill
        tooLate.record();
        LOG.debug("post {} shares {} {} ms before the newest share of it, beyond the grace period: too late for the coordination window, not compared",
            share.getPostId(), object.key(), outcome.fact().getLateByMs());
      } else {
        CoordinationObjectState next = outcome.state();
        next.setTouchedAt(record.timestamp());
        objects.put(record.key(), next);
      }
      CoordinationMessage.Builder fact = CoordinationMessage.newBuilder(share).setKind(CoordinationMessageKind.OBJECT_FACT)
          .setFact(outcome.fact()).setPairCount(outcome.partners().size()).setCampaign(outcome.campaign())
          .setObjectKind(null).setObjectKey(null).setObjectLabel(null).setMinHash(null);
      context.forward(record.withKey(share.getPostId()).withValue(fact.build()));
      for (CoSharer partner : outcome.partners()) {
        String repetition = SharedObject.repetitionKey(object.kind(), object.key(), share.getPostId(), partner.getPostId());
        context.forward(record.withKey(PairCounter.pairKey(share.getAccountId(), partner.getAccountId()))
            .withValue(CoordinationMessage.newBuilder().setKind(CoordinationMessageKind.PAIR_SHARE).setPostId(share.getPostId())
                .setAccountId(share.getAccountId()).setCreatedAt(share.getCreatedAt()).setPartnerAccountId(partner.getAccountId())
                .setRepetitionKey(repetition).build()));
      }
    }

    // the task's stream time also counts the other inputs of its sub-topology, so only this step's clock decides
    private void forgetIdle(long streamTime) {
      forget(objects, this::idle);
    }

    private boolean idle(String key, CoordinationObjectState state) {
      // authors keep their history (their baseline) as long as pairs are kept
      return clock.isExpired(state.getTouchedAt() >= 0 ? state.getTouchedAt() : state.getClock(),
          key.startsWith(SharedObject.AUTHOR + ":") ? settings.pairRetentionMs() : settings.retentionFor(SharedObject.URL));
    }
  }

  /** Under a pair key: the pair's repetitions after this co-share, back to the post. */
  static final class PairStep implements Processor<String, CoordinationMessage, String, CoordinationMessage> {
    private final CoordinationSettings settings;
    private ProcessorContext<String, CoordinationMessage> context;
    private KeyValueStore<String, CoordinationPairState> pairs;
    private final StepClock clock = new StepClock();

    PairStep(CoordinationSettings settings) {
      this.settings = settings;
    }

    @Override
    public void init(ProcessorContext<String, CoordinationMessage> context) {
      this.context = context;
      this.pairs = context.getStateStore(PAIRS_STORE);
      context.schedule(CLEANUP_INTERVAL, PunctuationType.STREAM_TIME, this::forgetIdle);
    }

    @Override
    public void process(Record<String, CoordinationMessage> record) {
      CoordinationMessage share = record.value();
      clock.advance(record.timestamp());
      CoordinationPairState before = pairs.get(record.key());
      if (before != null && idle(before)) {
        before = null;
      }
      CoordinationPairState state = PairCounter.coShare(before, share.getRepetitionKey(), share.getCreatedAt().toEpochMilli());
      state.setTouchedAt(record.timestamp());
      pairs.put(record.key(), state);
      context.forward(record.withKey(share.getPostId()).withValue(CoordinationMessage.newBuilder(share)
          .setKind(CoordinationMessageKind.PAIR_FACT).setRepetitionKey(null).setRepetitions(state.getRepetitions()).build()));
    }

    private void forgetIdle(long streamTime) {
      forget(pairs, (key, state) -> idle(state));
    }

    private boolean idle(CoordinationPairState state) {
      return clock.isExpired(state.getTouchedAt() >= 0 ? state.getTouchedAt() : state.getLastSeen(), settings.pairRetentionMs());
    }
  }

  /**
   * Under a post id: collects the post and its facts; when all are in, sends the post on with them, and
   * its campaigns. Posts leave in the order their own messages arrived, not in the order they complete:
   * the facts come back through other repartition topics, interleaved differently in every run, and the
   * order of assessments decides how alerts grow, so a replay of the same input must not depend on it.
   */
  static final class GatherStep implements Processor<String, CoordinationMessage, String, CoordinationMessage> {
    /**
     * Complete posts allowed to wait behind one incomplete post before it is sent on with the facts it
     * has: facts lost on the way (a dead-lettered share) must not hold up the partition. Far above what
     * waits while facts are merely in flight.
     */
    static final int MAX_WAITING = 10_000;
    private final CoordinationSettings settings;
    private final int maxWaiting;
    private ProcessorContext<String, CoordinationMessage> context;
    private KeyValueStore<String, CoordinationGather> gathering;
    private KeyValueStore<String, String> order;
    private KeyValueStore<String, PostInContext> posts;
    private int waiting;

    GatherStep(CoordinationSettings settings) {
      this(settings, MAX_WAITING);
    }

    GatherStep(CoordinationSettings settings, int maxWaiting) {
      this.settings = settings;
      this.maxWaiting = maxWaiting;
    }

    @Override
    public void init(ProcessorContext<String, CoordinationMessage> context) {
      this.context = context;
      this.gathering = context.getStateStore(GATHER_STORE);
      this.order = context.getStateStore(GATHER_ORDER_STORE);
      this.posts = context.getStateStore(GATHER_POSTS_STORE);
      try (KeyValueIterator<String, CoordinationGather> all = gathering.all()) {
        while (all.hasNext()) {
          if (all.next().value.getComplete()) {
            waiting++;
          }
        }
      }
      context.schedule(CLEANUP_INTERVAL, PunctuationType.STREAM_TIME, this::dropStale);
    }

    /** A safety net: facts lost on the way (which exactly-once rules out) must not keep an entry forever. */
    private void dropStale(long streamTime) {
      forget(gathering, (postId, state) -> {
        boolean stale = !state.getComplete() && state.getOpenedAt() < streamTime - settings.pairRetentionMs();
        if (stale) {
          LOG.warn("coordination facts of post {} still incomplete after the pair retention; dropped", postId);
          posts.delete(postId);
        }
        return stale;
      });
      release();
    }

    @Override
    public void process(Record<String, CoordinationMessage> record) {
      CoordinationMessage message = record.value();
      CoordinationGather state = gathering.get(record.key());
      if (state == null) {
        state = CoordinationGather.newBuilder().setObjects(new ArrayList<>()).setCampaigns(new ArrayList<>())
            .setPartnerRepetitions(new HashMap<>()).setOpenedAt(record.timestamp()).build();
      }
      if (message.getKind() != CoordinationMessageKind.PAIR_FACT && state.getPostsReceived() == 0) {
        state.setObjectCount(message.getObjectCount());
      }
      switch (message.getKind()) {
        case POST -> {
          posts.put(record.key(), message.getPost()); // a repeat's copy is the latest version (an edit, or the same post)
          if (state.getPostsReceived() == 0) {
            state.setPostTimestamp(record.timestamp());
            long sequence = context.recordMetadata().orElseThrow().offset();
            state.setSequence(sequence);
            order.put(TimeOrderedKey.of(sequence, record.key()), record.key());
          } else {
            // the id again while its first copy gathers: that copy's facts come too, so wait for them as well and send
            // the post once, in the place of its first copy; counting only one copy's facts held it (and every post
            // behind it) for ever
            state.setObjectCount(state.getObjectCount() + message.getObjectCount());
            LOG.debug("post {} repeated while gathering its coordination facts ({} copies)", record.key(), state.getPostsReceived() + 1);
          }
          state.setPostsReceived(state.getPostsReceived() + 1);
        }
        case OBJECT_FACT -> {
          state.getObjects().add(message.getFact());
          state.setPairsExpected(state.getPairsExpected() + message.getPairCount());
          if (message.getCampaign() != null) {
            state.getCampaigns().add(message.getCampaign());
          }
        }
        case PAIR_FACT -> {
          state.setPairsReceived(state.getPairsReceived() + 1);
          state.getPartnerRepetitions().merge(message.getPartnerAccountId(), message.getRepetitions(), Math::max);
        }
        default -> throw new IllegalArgumentException("coordination gather got a " + message.getKind() + " message for " + record.key());
      }
      // the post arrived: its sequence is set (or, in an entry from before posts were kept apart, the post itself)
      boolean complete = (state.getSequence() >= 0 || state.getPost() != null) && state.getObjects().size() == state.getObjectCount()
          && state.getPairsReceived() == state.getPairsExpected();
      if (complete && state.getSequence() < 0) {
        send(record.key(), state); // kept from before posts were ordered
        gathering.delete(record.key());
        return;
      }
      if (complete != state.getComplete()) {
        // no longer complete: facts beyond the count announced so far belong to a repeat of the id whose POST is on its way
        state.setComplete(complete);
        waiting += complete ? 1 : -1;
      }
      gathering.put(record.key(), state);
      if (complete) {
        release();
      }
    }

    /** Sends on the complete posts at the head of the order; past {@code maxWaiting}, an incomplete head too. */
    private void release() {
      List<String> sent = new ArrayList<>();
      try (KeyValueIterator<String, String> heads = order.all()) {
        while (heads.hasNext()) {
          var head = heads.next();
          CoordinationGather state = gathering.get(head.value);
          if (state != null && !state.getComplete()) {
            if (waiting <= maxWaiting) {
              break;
            }
            LOG.warn("post {} still lacks coordination facts while {} later posts wait behind it; sent on with the facts it has",
                head.value, waiting);
          }
          sent.add(head.key);
          if (state != null) {
            gathering.delete(head.value);
            if (state.getComplete()) {
              waiting--;
            }
            send(head.value, state);
          }
        }
      }
      sent.forEach(order::delete);
    }

    private void send(String postId, CoordinationGather state) {
      Map<String, Campaign> campaigns = canonicalCampaigns(state);
      PostInContext in = state.getPost();
      if (in == null) {
        in = posts.get(postId);
        posts.delete(postId);
      }
      in.setCoordination(CoordinationFacts.newBuilder()
          .setTimeWindowMs(settings.timeWindowMs()).setMinRepetition(settings.minRepetition())
          .setBurstWindowMs(settings.burstWindowMs()).setBurstAuthorMaxPosts(settings.burstAuthorMaxPosts())
          .setBurstBaselineFactor(settings.burstBaselineFactor()).setBurstObjectMaxAccounts(settings.burstObjectMaxAccounts())
          .setObjects(state.getObjects()).setPartnerRepetitions(state.getPartnerRepetitions()).build());
      Post post = in.getPost();
      context.forward(new Record<>(postId, message(CoordinationMessageKind.POST, post, state.getObjectCount()).setPost(in).build(),
          state.getPostTimestamp()));
      for (Campaign campaign : campaigns.values()) {
        context.forward(new Record<>(postId, message(CoordinationMessageKind.CAMPAIGN, post, state.getObjectCount())
            .setCampaign(campaign).build(), state.getPostTimestamp()));
      }
    }

    /**
     * The campaigns to publish, by id. The bands of one text are separate objects with campaigns of their
     * own; they are one campaign, named by the smallest of their ids, and the facts say so.
     */
    private static Map<String, Campaign> canonicalCampaigns(CoordinationGather state) {
      String textId = null;
      for (Campaign c : state.getCampaigns()) {
        if (isText(c) && (textId == null || c.getCampaignId().compareTo(textId) < 0)) {
          textId = c.getCampaignId();
        }
      }
      Map<String, Campaign> byId = new LinkedHashMap<>();
      for (Campaign c : state.getCampaigns()) {
        if (isText(c)) {
          c.setCampaignId(textId);
        }
        byId.merge(c.getCampaignId(), c, CampaignMerge::merge);
      }
      if (textId != null) {
        for (ObjectFact fact : state.getObjects()) {
          if (SharedObject.TEXT.equals(fact.getKind()) && fact.getCampaignId() != null) {
            fact.setCampaignId(textId);
          }
        }
      }
      return byId;
    }

    private static boolean isText(Campaign campaign) {
      return campaign.getSharedObjects().stream().allMatch(o -> SharedObject.TEXT.equals(o.getKind()));
    }
  }
}

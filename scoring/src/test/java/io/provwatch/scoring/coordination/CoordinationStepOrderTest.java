package io.provwatch.scoring.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.CoordinationGather;
import io.provwatch.avro.CoordinationMessage;
import io.provwatch.avro.CoordinationMessageKind;
import io.provwatch.avro.CoordinationObjectState;
import io.provwatch.avro.CoordinationPairState;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.ObjectFact;
import io.provwatch.avro.Post;
import io.provwatch.avro.PostInContext;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.TopologyTests;
import io.provwatch.schemas.serde.AvroSerde;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What makes a replay deterministic inside the coordination step: the facts come back to the gather
 * interleaved differently in every run, and the task's stream time counts inputs the step does not
 * read, yet what leaves the step, and in which order, must not change.
 */
class CoordinationStepOrderTest {
  private static final String LINK = " https://news.example/story-1";

  private static Post.Builder post(String id, String author, String text, int minute) {
    return io.provwatch.scoring.Posts.post(id, author, text, minute).setUrls(List.of(LINK.trim()));
  }

  @TempDir Path dir;
  private ProvwatchConfig config;
  private CoordinationSettings settings;

  @BeforeEach
  void setUp() {
    config = TopologyTests.config(dir, Map.of());
    settings = CoordinationSettings.fromConfig(config);
  }

  @AfterEach
  void tearDown() {
    TopologyTests.release(config);
  }

  @Test
  void postsLeaveTheGatherInTheOrderTheyArrivedWhateverOrderTheirFactsComeIn() {
    List<KeyValue<String, CoordinationMessage>> postsFirst = new ArrayList<>();
    List<KeyValue<String, CoordinationMessage>> facts = new ArrayList<>();
    Harness<CoordinationMessage> objects = objectStep();
    for (Post post : List.of(post("x:a", "alice", "read this" + LINK, 0).build(), post("x:b", "bob", "also this" + LINK, 1).build(),
        post("x:c", "carol", "and this" + LINK, 2).build())) {
      for (KeyValue<String, CoordinationMessage> m : CoordinationStep.scatter(new SharedObjects(settings.minHashtags()), inContext(post))) {
        if (m.value.getKind() == CoordinationMessageKind.POST) {
          postsFirst.add(m);
        } else {
          objects.process(m.key, m.value, m.value.getCreatedAt().toEpochMilli());
        }
      }
    }
    // the object step's output: OBJECT_FACTs for the post, PAIR_SHAREs (not needed here: pair counts are announced per fact)
    objects.forwarded().stream().filter(m -> m.value.getKind() == CoordinationMessageKind.OBJECT_FACT)
        .map(m -> KeyValue.pair(m.key, CoordinationMessage.newBuilder(m.value).setPairCount(0).build())).forEach(facts::add);
    assertThat(facts).extracting(f -> f.key).containsExactly("x:a", "x:a", "x:b", "x:b", "x:c", "x:c");

    // run 1: every post's facts right after it; run 2: the last post's facts first, the first post's last
    List<KeyValue<String, CoordinationMessage>> inOrder = new ArrayList<>();
    for (KeyValue<String, CoordinationMessage> post : postsFirst) {
      inOrder.add(post);
      facts.stream().filter(f -> f.key.equals(post.key)).forEach(inOrder::add);
    }
    List<KeyValue<String, CoordinationMessage>> shuffled = new ArrayList<>(postsFirst);
    shuffled.addAll(facts.subList(4, 6));
    shuffled.addAll(facts.subList(2, 4));
    shuffled.addAll(facts.subList(0, 2));

    List<String> first = gather(inOrder);
    List<String> second = gather(shuffled);
    assertThat(first).containsExactly("POST x:a", "POST x:b", "POST x:c", "CAMPAIGN x:c"); // three accounts make a campaign
    assertThat(second).isEqualTo(first);
  }

  @Test
  void anIncompletePostIsSentOnWithWhatItHasOnceTooManyCompletePostsWaitBehindIt() {
    int maxWaiting = 5;
    Harness<CoordinationMessage> gather = new Harness<>(new CoordinationStep.GatherStep(settings, maxWaiting), gatherStores());
    Post stuck = post("x:stuck", "alice", "never complete" + LINK, 0).build();
    gather.process(stuck.getId(), postMessage(stuck, 1), 0); // one object fact announced, none will come
    for (int i = 0; i < maxWaiting; i++) {
      Post p = post("x:p" + i, "bob", "nothing shared", 1).build();
      gather.process(p.getId(), postMessage(p, 0), i + 1);
    }
    assertThat(gather.forwarded()).as("within the limit, complete posts wait for the one before them").isEmpty();
    for (int i = maxWaiting; i <= maxWaiting; i++) {
      Post p = post("x:p" + i, "bob", "nothing shared", 1).build();
      gather.process(p.getId(), postMessage(p, 0), i + 1);
    }
    List<KeyValue<String, CoordinationMessage>> out = gather.forwarded();
    assertThat(out).hasSize(maxWaiting + 2);
    assertThat(out.get(0).key).isEqualTo("x:stuck");
    assertThat(out.get(0).value.getPost().getCoordination().getObjects()).isEmpty();
    assertThat(out.get(1).key).isEqualTo("x:p0");
  }

  @Test
  void aPostIdRepeatedWhileItsFirstCopyGathersLeavesOnceAndHoldsNoPostBehindIt() {
    Harness<CoordinationMessage> gather = gatherStep();
    Post repeated = post("x:r", "alice", "read this" + LINK, 0).build();
    Post next = post("x:n", "bob", "nothing shared", 1).build();
    gather.process(repeated.getId(), postMessage(repeated, 1), 1);
    gather.process(repeated.getId(), postMessage(repeated, 1), 2); // a client's retry: the same post again, at once
    gather.process(next.getId(), postMessage(next, 0), 3);
    gather.process(repeated.getId(), objectFact(repeated), 4);
    assertThat(gather.forwarded()).as("the second copy's fact is still on its way").isEmpty();
    gather.process(repeated.getId(), objectFact(repeated), 5);

    assertThat(gather.forwarded()).extracting(m -> m.value.getKind() + " " + m.key).containsExactly("POST x:r", "POST x:n");
    assertThat(gather.forwarded().get(0).value.getPost().getCoordination().getObjects()).hasSize(2);
  }

  @Test
  void factsOfARepeatArrivingBeforeItsPostReopenACompleteEntryUntilThatPostComes() {
    Harness<CoordinationMessage> gather = gatherStep();
    Post first = post("x:a", "carol", "and this" + LINK, 0).build();
    Post repeated = post("x:r", "alice", "read this" + LINK, 1).build();
    gather.process(first.getId(), postMessage(first, 1), 1);
    gather.process(repeated.getId(), postMessage(repeated, 1), 2);
    gather.process(repeated.getId(), objectFact(repeated), 3); // complete, waiting behind x:a
    gather.process(repeated.getId(), objectFact(repeated), 4); // the repeat's fact overtook the repeat itself
    gather.process(first.getId(), objectFact(first), 5);
    assertThat(gather.forwarded()).extracting(m -> m.value.getKind() + " " + m.key).containsExactly("POST x:a");

    gather.process(repeated.getId(), postMessage(repeated, 1), 6);
    assertThat(gather.forwarded()).extracting(m -> m.value.getKind() + " " + m.key).containsExactly("POST x:a", "POST x:r");
  }

  private static CoordinationMessage objectFact(Post post) {
    return CoordinationMessage.newBuilder().setKind(CoordinationMessageKind.OBJECT_FACT).setPostId(post.getId())
        .setAccountId(post.getAuthor().getId()).setCreatedAt(post.getCreatedAt()).setObjectCount(1).setPairCount(0)
        .setFact(ObjectFact.newBuilder().setKind("url").setKey(LINK.trim()).setLabel(LINK.trim()).build()).build();
  }

  @Test
  void objectStateExpiresByTheStepsOwnClockNotByTheStreamTimeOfOtherInputs() {
    Harness<CoordinationMessage> objects = objectStep();
    SharedObjects shared = new SharedObjects(settings.minHashtags());
    Post first = post("x:a", "alice", "read this" + LINK, 0).build();
    Post second = post("x:b", "bob", "also this" + LINK, 1).build();
    shares(shared, first).forEach(m -> objects.process(m.key, m.value, first.getCreatedAt().toEpochMilli()));
    // the task read far later records on another input: its stream time ran ahead and a cleanup ran
    objects.punctuate(first.getCreatedAt().toEpochMilli() + Duration.ofDays(30).toMillis());
    objects.forwarded().clear();
    shares(shared, second).forEach(m -> objects.process(m.key, m.value, second.getCreatedAt().toEpochMilli()));
    assertThat(objects.forwarded()).anySatisfy(m -> {
      assertThat(m.value.getKind()).isEqualTo(CoordinationMessageKind.PAIR_SHARE);
      assertThat(m.value.getPartnerAccountId()).isEqualTo("alice");
    });
  }

  @Test
  void objectStateOlderThanItsRetentionByTheStepsClockIsGoneEvenBeforeTheCleanupRuns() {
    Harness<CoordinationMessage> objects = objectStep();
    SharedObjects shared = new SharedObjects(settings.minHashtags());
    Post first = post("x:a", "alice", "read this" + LINK, 0).build();
    Post later = post("x:b", "bob", "also this" + LINK, 0).setCreatedAt(first.getCreatedAt().plus(Duration.ofDays(30))).build();
    shares(shared, first).forEach(m -> objects.process(m.key, m.value, first.getCreatedAt().toEpochMilli()));
    objects.forwarded().clear();
    shares(shared, later).forEach(m -> objects.process(m.key, m.value, later.getCreatedAt().toEpochMilli()));
    assertThat(objects.forwarded()).noneMatch(m -> m.value.getKind() == CoordinationMessageKind.PAIR_SHARE);
  }

  @Test
  void aBackfillOutOfOrderByWeeksStillFindsCoSharesStateIsForgottenInArrivalTime() {
    Harness<CoordinationMessage> objects = objectStep();
    SharedObjects shared = new SharedObjects(settings.minHashtags());
    long arrival = Instant.parse("2026-11-26T00:00:00Z").toEpochMilli();
    Post recent = post("x:new", "dave", "something else https://other.example/x", 0).setUrls(List.of("https://other.example/x"))
        .setCreatedAt(io.provwatch.scoring.Posts.T0.plus(Duration.ofDays(30))).build();
    Post first = post("x:a", "alice", "read this" + LINK, 0).build();
    Post second = post("x:b", "bob", "also this" + LINK, 1).build();
    // published a month apart, ingested within a second: the newest comes first
    shares(shared, recent).forEach(m -> objects.process(m.key, m.value, arrival));
    shares(shared, first).forEach(m -> objects.process(m.key, m.value, arrival + 10));
    objects.forwarded().clear();
    shares(shared, second).forEach(m -> objects.process(m.key, m.value, arrival + 20));
    assertThat(objects.forwarded()).anySatisfy(m -> {
      assertThat(m.value.getKind()).isEqualTo(CoordinationMessageKind.PAIR_SHARE);
      assertThat(m.value.getPartnerAccountId()).isEqualTo("alice");
    });
  }

  private List<String> gather(List<KeyValue<String, CoordinationMessage>> input) {
    List<KeyValueStore<String, ?>> stores = gatherStores();
    Harness<CoordinationMessage> gather = new Harness<>(new CoordinationStep.GatherStep(settings), stores);
    long offset = 0;
    for (KeyValue<String, CoordinationMessage> m : input) {
      gather.process(m.key, m.value, offset++);
    }
    assertThat(stores).as("every post left: nothing of it is kept").allSatisfy(store -> assertThat(store.approximateNumEntries()).isZero());
    return gather.forwarded().stream().map(m -> m.value.getKind() + " " + m.key).toList();
  }

  private List<KeyValue<String, CoordinationMessage>> shares(SharedObjects shared, Post post) {
    return CoordinationStep.scatter(shared, inContext(post)).stream().filter(m -> m.value.getKind() == CoordinationMessageKind.SHARE).toList();
  }

  private static PostInContext inContext(Post post) {
    return PostInContext.newBuilder().setPost(post).setInput(InputRef.newBuilder().setTopic("posts").setPartition(0).setOffset(0).build())
        .setInputTimestamp(post.getCreatedAt()).build();
  }

  private static CoordinationMessage postMessage(Post post, int objectCount) {
    return CoordinationMessage.newBuilder().setKind(CoordinationMessageKind.POST).setPostId(post.getId())
        .setAccountId(post.getAuthor().getId()).setCreatedAt(post.getCreatedAt()).setObjectCount(objectCount).setPost(inContext(post)).build();
  }

  private Harness<CoordinationMessage> objectStep() {
    return new Harness<>(new CoordinationStep.ObjectStep(settings), List.of(store(CoordinationStep.OBJECTS_STORE, serde(CoordinationObjectState.class))));
  }

  private Harness<CoordinationMessage> gatherStep() {
    return new Harness<>(new CoordinationStep.GatherStep(settings), gatherStores());
  }

  private List<KeyValueStore<String, ?>> gatherStores() {
    return List.of(store(CoordinationStep.GATHER_STORE, serde(CoordinationGather.class)), store(CoordinationStep.GATHER_ORDER_STORE, Serdes.String()),
        store(CoordinationStep.GATHER_POSTS_STORE, serde(PostInContext.class)));
  }

  private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), values).withLoggingDisabled().build();
  }

  private <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
    Serde<T> serde = AvroSerde.specific(type);
    // the mock context names every changelog "changelog": a registry scope per store keeps their subjects apart
    Map<String, Object> serdeConfig = new HashMap<>(config.serdeConfig());
    serdeConfig.put(ProvwatchConfig.SCHEMA_REGISTRY_URL, config.serdeConfig().get(ProvwatchConfig.SCHEMA_REGISTRY_URL) + "-" + type.getSimpleName());
    serde.configure(serdeConfig, false);
    return serde;
  }

  /** One processor on a mock context: records in with their offset (as the sequence) and timestamp, forwards captured. */
  private static final class Harness<V> {
    private final Processor<String, CoordinationMessage, String, V> processor;
    private final MockProcessorContext<String, V> context = new MockProcessorContext<>();
    private final List<KeyValue<String, V>> forwarded = new ArrayList<>();

    Harness(Processor<String, CoordinationMessage, String, V> processor, List<KeyValueStore<String, ?>> stores) {
      this.processor = processor;
      for (KeyValueStore<String, ?> s : stores) {
        s.init(context.getStateStoreContext(), s);
        context.addStateStore(s);
      }
      processor.init(context);
    }

    void process(String key, CoordinationMessage value, long offsetAndTime) {
      context.setRecordMetadata("by-post", 0, offsetAndTime);
      processor.process(new Record<>(key, value, offsetAndTime));
      context.forwarded().forEach(f -> forwarded.add(KeyValue.pair(f.record().key(), f.record().value())));
      context.resetForwards();
    }

    void punctuate(long streamTime) {
      context.scheduledPunctuators().forEach(p -> p.getPunctuator().punctuate(streamTime));
    }

    List<KeyValue<String, V>> forwarded() {
      return forwarded;
    }
  }
}

package io.provwatch.platform.explain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.avro.Alert;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Lineage;
import io.provwatch.avro.Severity;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.http.HttpServerHost;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StateStoreMigratedException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The explain API while a key cannot be answered (the stage starts, rebalances or stops; the owner
 * is not known or cannot be reached): 503 with {@code Retry-After} and a JSON error naming the route
 * and key. Two instances on loopback HTTP servers, their stages faked, so no broker is needed.
 */
class ExplainApiUnavailableTest {
  private static final String ROUTE = "/v1/alerts/{id}";
  private static final String STORE = "alerts-by-id";
  private static final String KEY = "al-1/with:reserved chars";
  private static final int PARTITION = 2;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final FakeStage askedStage = new FakeStage();
  private final FakeStage otherStage = new FakeStage();
  private HttpServerHost asked;
  private HttpServerHost other;

  @BeforeEach
  void twoInstances() {
    asked = HttpServerHost.start("127.0.0.1", 0);
    other = HttpServerHost.start("127.0.0.1", 0);
    ExplainApi.on(asked, ExplainApi.advertised(new ProvwatchConfig(Map.of()), asked)).route(ROUTE, STORE, askedStage);
    ExplainApi.on(other, ExplainApi.advertised(new ProvwatchConfig(Map.of()), other)).route(ROUTE, STORE, otherStage);
  }

  @AfterEach
  void close() {
    asked.close();
    other.close();
  }

  @Test
  void aStageThatIsNotRunningAnswers503ForEveryState() throws Exception {
    for (KafkaStreams.State state : KafkaStreams.State.values()) {
      if (state == KafkaStreams.State.RUNNING) {
        continue;
      }
      askedStage.state = state;
      assertUnavailable(get(asked), asked, "not ready: the stage is " + state);
    }
    assertThat(askedStage.ownerLookups).as("no owner looked up while not running").hasValue(0);
  }

  @Test
  void aStageThatLeavesRunningWhileTheOwnerIsLookedUpAnswers503() throws Exception {
    askedStage.owner = () -> {
      throw new IllegalStateException("KafkaStreams is not running. State is PENDING_SHUTDOWN.");
    };
    assertUnavailable(get(asked), asked, "not ready: KafkaStreams is not running");
  }

  @Test
  void anOwnerNotKnownYetAnswers503() throws Exception {
    askedStage.owner = () -> KeyQueryMetadata.NOT_AVAILABLE;
    assertUnavailable(get(asked), asked, "the owner of this key is not known yet (rebalancing)");
    // the partition is known, but no instance has it yet
    askedStage.owner = () -> new KeyQueryMetadata(HostInfo.unavailable(), Set.of(), PARTITION);
    assertUnavailable(get(asked), asked, "the owner of this key is not known yet (rebalancing)");
    assertThat(askedStage.valueLookups).as("the store is not asked").hasValue(0);
  }

  @Test
  void aStoreThatCannotBeQueriedNowAnswers503() throws Exception {
    askedStage.owner = () -> ownedBy(asked);
    for (InvalidStateStoreException e : List.of(
        new InvalidStateStoreException("The state store, alerts-by-id, may have migrated to another instance."),
        new StateStoreMigratedException("partition 2 was revoked"),
        new StreamsNotStartedException("KafkaStreams has not been started"))) {
      askedStage.value = () -> {
        throw e;
      };
      assertUnavailable(get(asked), asked, "store not queryable now (" + e.getMessage() + ")");
    }
    assertThat(askedStage.partitionsAsked).as("the owner's partition").containsOnly(PARTITION);
  }

  @Test
  void aForwardedRequestForAKeyAnotherInstanceOwnsAnswers503WithoutASecondHop() throws Exception {
    askedStage.owner = () -> ownedBy(other);
    otherStage.owner = () -> ownedBy(other);
    otherStage.value = ExplainApiUnavailableTest::alert;

    HttpResponse<String> forwarded = http.send(request(asked).header(ExplainApi.FORWARDED_HEADER, "127.0.0.1:1").build(),
        HttpResponse.BodyHandlers.ofString());
    assertUnavailable(forwarded, asked, "forwarded here, but " + advertised(other) + " owns the key (rebalancing)");
    assertThat(otherStage.requests).as("not forwarded again").hasValue(0);

    // the same request from a client goes on to the owner
    HttpResponse<String> direct = get(asked);
    assertThat(direct.statusCode()).as(direct.body()).isEqualTo(200);
    assertThat(direct.headers().firstValue(ExplainApi.SERVED_BY_HEADER)).contains(advertised(other));
    assertThat(new ObjectMapper().readTree(direct.body()).at("/alertId").asText()).isEqualTo("al-1");
    assertThat(otherStage.requests).hasValue(1);
  }

  @Test
  void anOwnerThatCannotBeReachedAnswers503() throws Exception {
    HttpServerHost gone = HttpServerHost.start("127.0.0.1", 0);
    gone.close();
    askedStage.owner = () -> ownedBy(gone);
    assertUnavailable(get(asked), asked, "the owner " + advertised(gone) + " cannot be reached");
  }

  @Test
  void anOwnerThatIsRebalancingPassesOnIts503() throws Exception {
    askedStage.owner = () -> ownedBy(other);
    otherStage.state = KafkaStreams.State.REBALANCING;
    assertUnavailable(get(asked), other, "not ready: the stage is REBALANCING");
    assertThat(otherStage.requests).hasValue(1);
  }

  @Test
  void aKeyTheOwnerDoesNotHoldAnswers404WithTheRoutesMessage() throws Exception {
    String retained = "/v1/retained/{id}";
    String notFound = ExplainStore.notFound("alerts", Duration.ofHours(1).toMillis());
    ExplainApi.on(asked, ExplainApi.advertised(new ProvwatchConfig(Map.of()), asked)).route(retained, STORE, askedStage, notFound);
    ExplainApi.on(other, ExplainApi.advertised(new ProvwatchConfig(Map.of()), other)).route(retained, STORE, otherStage, notFound);
    askedStage.owner = () -> ownedBy(other);
    otherStage.owner = () -> ownedBy(other);

    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(asked.url() + "/v1/retained/al-0"))
        .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    assertThat(response.headers().firstValue(ExplainApi.SERVED_BY_HEADER)).contains(advertised(other));
    JsonNode body = new ObjectMapper().readTree(response.body());
    assertThat(body.at("/error").asText()).isEqualTo(notFound)
        .contains("older than the explain retention (explain.retention.ms=3600000, PT1H)", "the topic 'alerts'", "audit replay");
    assertThat(body.at("/key").asText()).isEqualTo("al-0");
    // the route without a message of its own
    assertThat(new ObjectMapper().readTree(get(asked).body()).at("/error").asText()).isEqualTo("not found");
  }

  /** 503, when to ask again, and a JSON error that names the route, store and key, from {@code answeredBy}. */
  private static void assertUnavailable(HttpResponse<String> response, HttpServerHost answeredBy, String error) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).as("Retry-After").contains(ExplainApi.RETRY_AFTER_SECONDS);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.headers().firstValue(ExplainApi.SERVED_BY_HEADER)).contains(advertised(answeredBy));
    JsonNode body = new ObjectMapper().readTree(response.body());
    assertThat(body.at("/error").asText()).startsWith(error);
    assertThat(body.at("/route").asText()).isEqualTo(ROUTE);
    assertThat(body.at("/store").asText()).isEqualTo(STORE);
    assertThat(body.at("/key").asText()).isEqualTo(KEY);
  }

  private HttpResponse<String> get(HttpServerHost instance) throws Exception {
    return http.send(request(instance).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder request(HttpServerHost instance) {
    String path = "/v1/alerts/" + URLEncoder.encode(KEY, StandardCharsets.UTF_8);
    return HttpRequest.newBuilder(URI.create(instance.url() + path)).timeout(Duration.ofSeconds(30)).GET();
  }

  private static String advertised(HttpServerHost instance) {
    return "127.0.0.1:" + instance.port();
  }

  private static KeyQueryMetadata ownedBy(HttpServerHost instance) {
    return new KeyQueryMetadata(new HostInfo("127.0.0.1", instance.port()), Set.of(), PARTITION);
  }

  static Alert alert() {
    return Alert.newBuilder().setAlertId("al-1").setSeverity(Severity.HIGH).setCategory("ai-text").setRisk(0.75)
        .setPostIds(List.of("x:1")).setReasons(List.of("machine-written")).setEvidence(Map.of())
        .setCreatedAt(Instant.parse("2026-11-20T09:00:00Z"))
        .setLineage(Lineage.newBuilder().setInputs(List.of(InputRef.newBuilder().setTopic("posts").setPartition(2).setOffset(7L).build()))
            .setModelVersion("m1").setRuleSetVersion("r1").build()).build();
  }

  /** A stage whose state, key owner and store answers a test sets; counts what the API asked. */
  static final class FakeStage implements QueryableStage {
    volatile KafkaStreams.State state = KafkaStreams.State.RUNNING;
    volatile Supplier<KeyQueryMetadata> owner = () -> KeyQueryMetadata.NOT_AVAILABLE;
    volatile Supplier<Object> value = () -> null;
    final AtomicInteger requests = new AtomicInteger();
    final AtomicInteger ownerLookups = new AtomicInteger();
    final AtomicInteger valueLookups = new AtomicInteger();
    final List<Integer> partitionsAsked = new CopyOnWriteArrayList<>();

    @Override
    public KafkaStreams.State state() {
      requests.incrementAndGet(); // asked once per request that reaches the stage
      return state;
    }

    @Override
    public KeyQueryMetadata owner(String store, String key) {
      ownerLookups.incrementAndGet();
      return owner.get();
    }

    @Override
    public Object localValue(String store, String key, int partition) {
      valueLookups.incrementAndGet();
      partitionsAsked.add(partition);
      return value.get();
    }
  }
}

package io.provwatch.scoring;

import static io.provwatch.scoring.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.avro.Post;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.explain.ExplainApi;
import io.provwatch.platform.http.HttpServerHost;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explain API on two scoring instances of one application. Asked for a post's assessment, each
 * instance answers from its own copy of the global store, also after its state directory is lost
 * (the store is read again from {@code assessments}); asked through a route on a partitioned store
 * (here {@code seen-posts}), the instance that does not own the key answers through the one that
 * does; while one instance leaves, the other answers or says when to ask again.
 */
class ExplainApiIT {
  private static final Logger LOG = LoggerFactory.getLogger(ExplainApiIT.class);
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  /** Longer than the API's own forwarding timeout: a request that outlasts it hangs. */
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String ROUTE = "/v1/posts/{id}/assessment";
  /** A route on a store partitioned like posts, kept by a stream task: the one that forwards to the owner. */
  private static final String SEEN_ROUTE = "/v1/seen/{id}";
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();
  private final HttpClient http = HttpClient.newHttpClient();

  /** One scoring instance with its HTTP server and explain API, as `provwatch run scoring` wires it. */
  private record Instance(HttpServerHost host, StreamsStage stage, String advertised) implements AutoCloseable {
    static Instance start(ProvwatchConfig config) {
      HttpServerHost host = HttpServerHost.start("127.0.0.1", 0);
      ProvwatchConfig advertised = ExplainApi.advertised(config, host);
      StreamsStage stage = ScoringService.start(advertised);
      ExplainApi.on(host, advertised)
          .latestRoute(ROUTE, ScoringTopologyBuilder.ASSESSMENTS_BY_POST_STORE, stage::streams, "not found")
          .latestRoute(SEEN_ROUTE, ScoringTopologyBuilder.SEEN_POSTS_STORE, stage::streams, "not seen")
          .route("/v1/nothing/{id}", "no-such-store", stage::streams);
      return new Instance(host, stage, "127.0.0.1:" + host.port());
    }

    @Override
    public void close() {
      host.close();
      stage.close();
    }
  }

  @Test
  void eachInstanceAnswersEveryAssessmentItselfAndForwardsWhatAnotherOwns() throws Exception {
    String run = SharedKafkaCluster.unique("explain");
    ProvwatchConfig config = cluster.config(Map.of());
    List<Post> posts = postsOnEveryPartition(run);
    try (Instance one = Instance.start(config)) {
      Instance two = Instance.start(secondInstance(config));
      try {
        assessedWithBothRunning(config, one, two, posts, run);
        for (Instance asked : List.of(one, two)) {
          for (Post post : posts) {
            assertAssessmentServedBy(asked, post);
          }
        }

        int forwarded = 0;
        for (Post post : posts) {
          String[] owner = new String[1];
          await("owner of " + post.getId() + " known and serving it").atMost(PATIENCE).until(() -> {
            owner[0] = one.stage().state() == KafkaStreams.State.RUNNING ? ownerOrNull(one, post) : null;
            return owner[0] != null && get(owner[0].equals(one.advertised()) ? one : two, seenPath(post.getId())).statusCode() == 200;
          });
          Instance notOwner = owner[0].equals(one.advertised()) ? two : one;
          HttpResponse<String> response = get(notOwner, seenPath(post.getId()));
          assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
          assertThat(response.headers().firstValue(ExplainApi.SERVED_BY_HEADER)).as("answered by the owner").contains(owner[0]);
          forwarded++;
        }
        assertThat(forwarded).isEqualTo(posts.size());
        assertThat(List.of(one.advertised(), two.advertised())).as("both instances own some posts")
            .allMatch(instance -> posts.stream().anyMatch(p -> owner(one, p).equals(instance)));
      } finally {
        two.close();
      }

      // the second instance loses its state directory: its copy of the global store is read again from assessments
      Utils.delete(config.dataDir().resolve("second").toFile());
      try (Instance again = Instance.start(secondInstance(config))) {
        again.stage().awaitRunning(PATIENCE);
        for (Post post : posts) {
          assertAssessmentServedBy(again, post);
        }
      }

      // the restarted instance left the group again: the first answers 503 while it rebalances, then as before
      await("the first instance settled after the second left").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
          .until(() -> get(one, posts.get(0).getId()).statusCode() == 200);
      HttpResponse<String> unknown = get(one, "mastodon:" + run + "-never-posted");
      assertThat(unknown.statusCode()).isEqualTo(404);
      assertThat(new ObjectMapper().readTree(unknown.body()).at("/error").asText()).isEqualTo("not found");
      HttpResponse<String> noStore = http.send(HttpRequest.newBuilder(URI.create(one.host().url() + "/v1/nothing/x")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(noStore.statusCode()).isEqualTo(404);
      assertThat(noStore.body()).contains("this stage has no store 'no-such-store'");
      HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(one.host().url() + "/v1/posts/x/assessment"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(post.statusCode()).isEqualTo(405);
    }
  }

  @Test
  void whileOneInstanceLeavesTheOtherAnswersEveryKeyOrSaysWhenToAskAgain() throws Exception {
    String run = SharedKafkaCluster.unique("explain-leave");
    ProvwatchConfig config = cluster.config(Map.of());
    List<Post> posts = postsOnEveryPartition(run);
    try (Instance one = Instance.start(config)) {
      Instance two = Instance.start(secondInstance(config));
      try {
        assessedWithBothRunning(config, one, two, posts, run);
        await("every post answered through the first instance").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
            .until(() -> posts.stream().allMatch(p -> status(one, p) == 200));
        await("the second instance owns some posts' seen marks").atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
            .until(() -> posts.stream().anyMatch(p -> two.advertised().equals(ownerOrNull(one, p))));
      } catch (Throwable e) {
        two.close();
        throw e;
      }

      // the client keeps asking the first instance while the second leaves and the group rebalances
      CompletableFuture<Void> leaving = CompletableFuture.runAsync(two::close);
      Map<Integer, Integer> statuses = new TreeMap<>();
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      boolean settled = false;
      while (!settled) {
        assertThat(System.nanoTime()).as("every post answered by the remaining instance within " + PATIENCE + "; statuses so far " + statuses)
            .isLessThan(deadline);
        settled = leaving.isDone();
        for (Post post : posts) {
          HttpResponse<String> response = answer(one, post);
          statuses.merge(response.statusCode(), 1, Integer::sum);
          settled &= response.statusCode() == 200 && response.headers().firstValue(ExplainApi.SERVED_BY_HEADER).orElse("").equals(one.advertised());
        }
        if (!settled) {
          Thread.sleep(100);
        }
      }
      leaving.get(); // the second instance closed without an error
      LOG.info("answers by status while the second instance left: {}", statuses);
    }
  }

  /** Waits until both instances run, then sends {@code posts} and waits until every one is assessed. */
  private static void assessedWithBothRunning(ProvwatchConfig config, Instance one, Instance two, List<Post> posts, String run)
      throws Exception {
    one.stage().awaitRunning(PATIENCE);
    two.stage().awaitRunning(PATIENCE);
    TopicRecords.produce(config, Topics.POSTS, posts, Post::getId);
    assertThat(TopicRecords.readCommitted(config, Topics.ASSESSMENTS, a -> a.getPostId().contains(run), posts.size())).hasSize(posts.size());
  }

  /** {@code asked} answers {@code post}'s assessment from its own copy of the global store. */
  private void assertAssessmentServedBy(Instance asked, Post post) throws Exception {
    await(asked.advertised() + " serving " + post.getId()).atMost(PATIENCE).until(() -> get(asked, post.getId()).statusCode() == 200);
    HttpResponse<String> response = get(asked, post.getId());
    assertThat(response.headers().firstValue(ExplainApi.SERVED_BY_HEADER)).as("answered by itself").contains(asked.advertised());
    JsonNode body = new ObjectMapper().readTree(response.body());
    assertThat(body.at("/postId").asText()).isEqualTo(post.getId());
    assertThat(body.at("/input/topic").asText()).isEqualTo("posts");
    assertThat(body.at("/postCreatedAt").asText()).isEqualTo(post.getCreatedAt().toString());
    assertThat(body.at("/signals/0/name").asText()).isEqualTo("unattributed-copy");
    assertThat(body.at("/configHash").asText()).hasSize(16);
  }

  private static String seenPath(String postId) {
    return "/v1/seen/" + java.net.URLEncoder.encode(postId, StandardCharsets.UTF_8);
  }

  /** The second instance of the application {@code config} configures, with its own state directory. */
  private static ProvwatchConfig secondInstance(ProvwatchConfig config) {
    return config.with(Map.of(ProvwatchConfig.STREAMS_STATE_DIR, config.dataDir().resolve("second").toString()));
  }

  /** Posts on every partition of assessments (2 each), so that each of two instances owns some of them. */
  private static List<Post> postsOnEveryPartition(String run) {
    List<Post> posts = new ArrayList<>();
    int[] perPartition = new int[Topics.ASSESSMENTS.defaultPartitions()];
    for (int i = 0; posts.size() < 2 * perPartition.length; i++) {
      String id = "mastodon:" + run + "/p" + i;
      int partition = Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % perPartition.length;
      if (perPartition[partition]++ < 2) {
        posts.add(post(id, "author-" + i, "Notice " + i + " about the tram timetable, run " + run, i).build());
      }
    }
    return posts;
  }

  /**
   * {@code asked}'s answer for {@code post}, which must be a right one: 200 with the post's assessment,
   * or 503 with Retry-After and an error naming the key; never another status, and within the request timeout.
   */
  private HttpResponse<String> answer(Instance asked, Post post) {
    HttpResponse<String> response;
    try {
      response = get(asked, post.getId());
    } catch (Exception e) {
      throw new AssertionError("no answer for " + post.getId() + " from " + asked.advertised() + ": " + e, e);
    }
    assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
    JsonNode body = json(response.body());
    if (response.statusCode() == 200) {
      assertThat(body.at("/postId").asText()).as("the assessment of the post asked for").isEqualTo(post.getId());
    } else {
      assertThat(response.headers().firstValue("Retry-After")).as("503 says when to ask again: " + response.body()).contains("1");
      assertThat(body.at("/key").asText()).isEqualTo(post.getId());
      assertThat(body.at("/route").asText()).isEqualTo(ROUTE);
    }
    return response;
  }

  /** {@code asked}'s status for {@code post}; 404 while the post is not in its store yet. */
  private int status(Instance asked, Post post) {
    try {
      return get(asked, post.getId()).statusCode();
    } catch (Exception e) {
      throw new AssertionError("no answer for " + post.getId() + " from " + asked.advertised() + ": " + e, e);
    }
  }

  private static JsonNode json(String body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  /** The owner of {@code post}'s seen mark that {@code asked} knows, null while it knows none. */
  private static String ownerOrNull(Instance asked, Post post) {
    KeyQueryMetadata meta = asked.stage().streams().queryMetadataForKey(ScoringTopologyBuilder.SEEN_POSTS_STORE,
        post.getId(), Serdes.String().serializer());
    return meta == null || meta.equals(KeyQueryMetadata.NOT_AVAILABLE) ? null : meta.activeHost().host() + ":" + meta.activeHost().port();
  }

  private static String owner(Instance asked, Post post) {
    KeyQueryMetadata meta = asked.stage().streams().queryMetadataForKey(ScoringTopologyBuilder.SEEN_POSTS_STORE,
        post.getId(), Serdes.String().serializer());
    return meta.activeHost().host() + ":" + meta.activeHost().port();
  }

  private HttpResponse<String> get(Instance instance, String postIdOrPath) throws Exception {
    String path = postIdOrPath.startsWith("/") ? postIdOrPath
        : "/v1/posts/" + java.net.URLEncoder.encode(postIdOrPath, StandardCharsets.UTF_8) + "/assessment";
    return http.send(HttpRequest.newBuilder(URI.create(instance.host().url() + path)).timeout(REQUEST_TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

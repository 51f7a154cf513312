package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.avro.Alert;
import io.provwatch.avro.Author;
import io.provwatch.avro.Campaign;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.explain.ExplainApi;
import io.provwatch.platform.http.HttpServerHost;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.ScoringService;
import io.provwatch.sink.SinkService;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The campaign and alert routes of the explain API, wired as {@code provwatch run scoring} and
 * {@code run sink} wire them ({@link Stages}): a campaign found by scoring and the alert the sink
 * raised for it are served by id. (Forwarding between instances: scoring's ExplainApiIT.)
 */
class ExplainRoutesIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aCampaignAndItsAlertAreServedById() throws Exception {
    String run = SharedKafkaCluster.unique("routes");
    ProvwatchConfig config = cluster.config(Map.of());
    String link = "https://leak.example/" + run + "/files";
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<Post> posts = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      posts.add(Post.newBuilder().setId("x:" + run + "-" + i).setPlatform("x")
          .setAuthor(Author.newBuilder().setId(run + "-acct" + i).build())
          .setCreatedAt(t0.plusSeconds(10L * i)).setObservedAt(t0.plusSeconds(10L * i)).setText("read this before it is deleted")
          .setUrls(List.of(link)).setSource(SourcePosition.newBuilder().setConnector("test").setPosition(Integer.toString(i)).build())
          .build());
    }
    try (HttpServerHost scoringHost = HttpServerHost.start("127.0.0.1", 0); HttpServerHost sinkHost = HttpServerHost.start("127.0.0.1", 0)) {
      ProvwatchConfig scoringConfig = ExplainApi.advertised(config, scoringHost);
      ProvwatchConfig sinkConfig = ExplainApi.advertised(config, sinkHost);
      try (StreamsStage scoring = ScoringService.start(scoringConfig); StreamsStage sink = SinkService.start(sinkConfig)) {
        Stages.addScoringExplain(scoringHost, scoringConfig, scoring);
        Stages.addSinkExplain(sinkHost, sinkConfig, sink);
        scoring.awaitRunning(PATIENCE);
        sink.awaitRunning(PATIENCE);
        TopicRecords.produce(config, Topics.POSTS, posts, Post::getId);

        Campaign campaign = TopicRecords.readCommitted(config, Topics.CAMPAIGNS,
            c -> c.getMemberAccounts().stream().anyMatch(m -> m.startsWith(run)), 1).get(0);
        JsonNode served = awaitOk(scoringHost, "/v1/campaigns/" + campaign.getCampaignId());
        assertThat(served.at("/campaignId").asText()).isEqualTo(campaign.getCampaignId());
        // the campaign grows while the test reads it (the text joins the link as a shared object): what the first record named is still there
        List<String> servedLabels = new ArrayList<>();
        served.at("/sharedObjects").forEach(o -> servedLabels.add(o.at("/label").asText()));
        assertThat(servedLabels).contains(campaign.getSharedObjects().get(0).getLabel());
        assertThat(served.at("/memberAccounts/0").asText()).startsWith(run);

        Alert alert = TopicRecords.readCommitted(config, Topics.ALERTS,
            a -> a.getGroupKey().startsWith("campaign:") && a.getPostIds().get(0).contains(run), 1).get(0);
        JsonNode alertServed = awaitOk(sinkHost, "/v1/alerts/" + alert.getAlertId());
        assertThat(alertServed.at("/alertId").asText()).isEqualTo(alert.getAlertId());
        assertThat(alertServed.at("/category").asText()).isEqualTo("coordination");

        HttpResponse<String> unknown = get(sinkHost, "/v1/alerts/alert-" + run + "-never");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(new ObjectMapper().readTree(unknown.body()).at("/error").asText())
            .as("the sink's store keeps alerts for the explain retention").contains("explain retention", "the topic 'alerts'");
      }
    }
  }

  /** The body of a 200 answer to {@code path}, once the stage serves its store (it may still be restoring). */
  private JsonNode awaitOk(HttpServerHost host, String path) throws Exception {
    await(path).atMost(PATIENCE).until(() -> get(host, path).statusCode() == 200);
    return new ObjectMapper().readTree(get(host, path).body());
  }

  private HttpResponse<String> get(HttpServerHost host, String path) throws Exception {
    int slash = path.lastIndexOf('/') + 1;
    String encoded = path.substring(0, slash) + URLEncoder.encode(path.substring(slash), StandardCharsets.UTF_8);
    return http.send(HttpRequest.newBuilder(URI.create(host.url() + encoded)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}

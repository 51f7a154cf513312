package io.provwatch.platform.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.avro.Alert;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Lineage;
import io.provwatch.avro.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExplainApiTest {
  @Test
  void aRouteTakesTheUrlDecodedKeyFromItsPathOnly() {
    ExplainApi.Route posts = ExplainApi.Route.parse("/v1/posts/{id}/assessment", "assessments-by-post");
    assertThat(posts.prefix()).isEqualTo("/v1/posts/");
    assertThat(posts.key("/v1/posts/mastodon%3A1%2Fa/assessment")).contains("mastodon:1/a");
    assertThat(posts.key("/v1/posts/mastodon:1/assessment")).contains("mastodon:1");
    assertThat(posts.key("/v1/posts//assessment")).isEmpty();
    assertThat(posts.key("/v1/posts/a/b/assessment")).isEmpty();
    assertThat(posts.key("/v1/posts/a/other")).isEmpty();
    ExplainApi.Route alerts = ExplainApi.Route.parse("/v1/alerts/{id}", "alerts-by-id");
    assertThat(alerts.key("/v1/alerts/al-1")).isEqualTo(Optional.of("al-1"));
    assertThatThrownBy(() -> ExplainApi.Route.parse("/v1/alerts", "s")).hasMessageContaining("exactly one {id}");
  }

  @Test
  void avroRecordsBecomePlainJson() {
    Alert alert = Alert.newBuilder().setAlertId("al-1").setSeverity(Severity.HIGH).setCategory("ai-text").setRisk(0.75)
        .setPostIds(List.of("x:1")).setReasons(List.of("machine-written")).setEvidence(Map.of("b", "2", "a", "1"))
        .setCreatedAt(Instant.parse("2026-11-20T09:00:00Z"))
        .setLineage(Lineage.newBuilder().setInputs(List.of(InputRef.newBuilder().setTopic("posts").setPartition(2).setOffset(7L).build()))
            .setModelVersion("m1").setRuleSetVersion("r1").build()).build();
    String json = AvroJson.of(alert).toString();
    assertThat(json).startsWith("{\"alertId\":\"al-1\",\"severity\":\"HIGH\",\"category\":\"ai-text\",\"risk\":0.75,\"postIds\":[\"x:1\"]")
        .contains("\"evidence\":{\"a\":\"1\",\"b\":\"2\"}").contains("\"createdAt\":\"2026-11-20T09:00:00Z\"")
        .contains("\"inputs\":[{\"topic\":\"posts\",\"partition\":2,\"offset\":7}]");
  }
}

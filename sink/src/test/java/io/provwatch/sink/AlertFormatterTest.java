package io.provwatch.sink;

import static io.provwatch.sink.Assessments.assessment;
import static io.provwatch.sink.Assessments.campaign;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.avro.Alert;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Severity;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFormatterTest {
  private static Alert campaignAlert() {
    Alert candidate = AlertCandidates.of(assessment("x:m1", 0.8, campaign("camp-3", 0.9)), Severity.HIGH,
        InputRef.newBuilder().setTopic("assessments").setPartition(1).setOffset(7).build());
    return Alert.newBuilder(candidate).setAlertId("alert-abc").setStatus(AlertStatus.UPDATED).setRevision(3)
        .setPostIds(List.of("x:m1", "x:m2")).setPostCount(5).setUpdatedAt(Instant.parse("2026-11-20T10:15:00Z")).build();
  }

  @Test
  void theTextLineShowsStatusRevisionAndHowManyPostsAreNotListed() {
    String text = AlertFormatter.text(campaignAlert());
    assertThat(text.lines().findFirst().orElseThrow())
        .isEqualTo("2026-11-20 10:15:00Z  UPDATED r3  HIGH     coordination  risk 0.80  x:m1, x:m2 (+3 more)  [alert-abc]");
    assertThat(text).contains("    - posted in step with campaign camp-3");
  }

  @Test
  void theJsonHasTheLifecycleAndLineageFields() throws Exception {
    JsonNode json = new ObjectMapper().readTree(AlertFormatter.json(campaignAlert()));
    assertThat(json.get("status").asText()).isEqualTo("UPDATED");
    assertThat(json.get("revision").asInt()).isEqualTo(3);
    assertThat(json.get("groupKey").asText()).isEqualTo("campaign:camp-3");
    assertThat(json.get("postCount").asInt()).isEqualTo(5);
    assertThat(json.get("updatedAt").asText()).isEqualTo("2026-11-20T10:15:00Z");
    assertThat(json.get("evidence").get("coordination.campaignId").asText()).isEqualTo("camp-3");
    assertThat(json.at("/lineage/inputs/1/offset").asLong()).isEqualTo(7);
    assertThat(json.at("/lineage/configHash").isTextual()).isTrue();
  }
}

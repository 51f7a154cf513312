package io.provwatch.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Alert;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.Campaign;
import io.provwatch.avro.SharedObject;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.TopologyTests;
import io.provwatch.platform.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Campaign changes (scoring's coordination branch) through the sink topology: one alert per campaign. */
class CampaignAlertsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path dir;
  private ProvwatchConfig config;
  private TopologyTestDriver driver;
  private TestInputTopic<String, Campaign> campaigns;
  private TestOutputTopic<String, Alert> alerts;

  @BeforeEach
  void start() {
    config = AlertTopologyTest.config(dir, Map.of(ProvwatchConfig.SINK_ALERT_MAX_POST_IDS, "10"));
    driver = AlertTopologyTest.driver(config);
    campaigns = TopologyTests.input(driver, Topics.CAMPAIGNS, config);
    alerts = TopologyTests.output(driver, Topics.ALERTS, config);
  }

  @AfterEach
  void stop() {
    driver.close();
    TopologyTests.release(config);
  }

  private static Campaign campaign(String id, int accounts, int minRepetition, int minutes) {
    List<String> members = IntStream.range(0, accounts).mapToObj(i -> "acct" + i).toList();
    List<String> pairs = new ArrayList<>();
    for (int i = 1; i < accounts; i++) {
      pairs.add("acct0|acct" + i);
    }
    return Campaign.newBuilder().setCampaignId(id).setMemberAccounts(members).setPairs(pairs).setPairCount(pairs.size())
        .setPostIds(IntStream.range(0, 2 * accounts).mapToObj(i -> "x:" + i).toList()).setPostCount(2 * accounts)
        .setSharedObjects(List.of(SharedObject.newBuilder().setKind("url").setKey("url:leak.example/a").setLabel("leak.example/a").build()))
        .setFirstSeen(T0).setLastSeen(T0.plus(Duration.ofMinutes(minutes))).setTimeWindowMs(60_000).setMinRepetition(minRepetition)
        .setRuleSetVersion("rules-1").setConfigHash("cfg-1").build();
  }

  private void pipe(Campaign c) {
    campaigns.pipeInput(new TestRecord<>(c.getCampaignId(), c, c.getLastSeen()));
  }

  @Test
  void aCampaignOpensOneAlertThatGrowsWithItAndATombstoneRaisesNothing() {
    pipe(campaign("cmp-1", 2, 1, 1));
    assertThat(alerts.readValuesToList()).as("two accounts co-sharing once: risk 0.4, below medium, still low").singleElement()
        .satisfies(a -> {
          assertThat(a.getStatus()).isEqualTo(AlertStatus.OPENED);
          assertThat(a.getCategory()).isEqualTo("coordination");
          assertThat(a.getGroupKey()).isEqualTo("campaign:cmp-1");
          assertThat(a.getRisk()).isEqualTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
          assertThat(a.getPostCount()).isEqualTo(4);
          assertThat(a.getReasons()).containsExactly("2 accounts linked by 1 coordinated pair: each pair shared the same object within 60 s of each other",
              "shared: url leak.example/a");
          assertThat(a.getEvidence()).containsEntry("coordination.campaignId", "cmp-1").containsEntry("coordination.accounts", "acct0,acct1");
          assertThat(a.getLineage().getInputs()).singleElement().satisfies(in -> assertThat(in.getTopic()).isEqualTo("campaigns"));
          assertThat(a.getLineage().getRuleSetVersion()).isEqualTo("rules-1");
          assertThat(a.getLineage().getConfigHash()).isEqualTo("cfg-1");
        });
    pipe(campaign("cmp-1", 4, 1, 3));
    campaigns.pipeInput(new TestRecord<>("cmp-2", null, T0.plus(Duration.ofMinutes(4))));
    List<Alert> out = alerts.readValuesToList();
    assertThat(out).singleElement().satisfies(a -> {
      assertThat(a.getStatus()).isEqualTo(AlertStatus.UPDATED);
      assertThat(a.getRevision()).isEqualTo(2);
      assertThat(a.getRisk()).isEqualTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(a.getPostCount()).isEqualTo(8);
      assertThat(a.getReasons()).as("the campaign's reasons replace the earlier ones").hasSize(2)
          .first().asString().startsWith("4 accounts linked by 3 coordinated pairs");
    });
  }

  @Test
  void aRepeatedPairIsAStrongerSignalAndNothingIsCriticalOnCoordinationAlone() {
    assertThat(CampaignAlerts.risk(campaign("a", 2, 2, 0))).isEqualTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(CampaignAlerts.risk(campaign("b", 3, 1, 0))).isEqualTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(CampaignAlerts.risk(campaign("c", 40, 3, 0))).isEqualTo(CampaignAlerts.MAX_RISK);
  }
}

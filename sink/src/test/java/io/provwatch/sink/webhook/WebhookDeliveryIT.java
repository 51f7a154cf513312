package io.provwatch.sink.webhook;

import static io.provwatch.sink.Assessments.assessment;
import static io.provwatch.sink.Assessments.signal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.provwatch.avro.Alert;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.DeadLetter;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Severity;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.platform.testing.TopicRecords;
import io.provwatch.platform.topics.TopicCatalog;
import io.provwatch.platform.topics.TopicSpec;
import io.provwatch.platform.topics.Topics;
import io.provwatch.sink.AlertCandidates;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** The webhook sink on the in-process broker, against receivers on 127.0.0.1 that fail on purpose. */
class WebhookDeliveryIT {
  private static final String SECRET = "it-secret";
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();

  @Test
  void everyChangeArrivesOncePerIdempotencyKeyInOrderPerAlertThroughAnIntermittentlyFailingReceiver() throws Exception {
    String run = SharedKafkaCluster.unique("webhook");
    ProvwatchConfig config = cluster.config(Map.of());
    TopicSpec<String, Alert> topic = alertsTopic(config, run);
    List<Alert> changes = new ArrayList<>();
    for (int revision = 1; revision <= 4; revision++) {
      for (int alert = 0; alert < 6; alert++) {
        changes.add(change(run + "-a" + alert, revision));
      }
    }
    try (FlakyReceiver receiver = new FlakyReceiver(SECRET, 16, Duration.ofMillis(1200))) {
      WebhookSettings settings = settings(receiver, 10, run);
      TopicRecords.produce(config, topic, changes, Alert::getAlertId);
      try (WebhookDelivery delivery = delivery(config, settings, topic)) {
        await("every change accepted").atMost(PATIENCE).until(() -> keys(receiver.accepted()).size() == changes.size());
        assertThat(delivery.isHealthy()).isTrue();
      }
      assertThat(receiver.requests()).extracting(FlakyReceiver.Request::answer).as("the receiver did fail, in every way")
          .contains(FlakyReceiver.Answer.ERROR_500, FlakyReceiver.Answer.STALL, FlakyReceiver.Answer.DROP);
      assertThat(receiver.requests()).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
      List<FlakyReceiver.Request> accepted = receiver.accepted();
      assertThat(keys(accepted)).as("every change once: none lost, none accepted twice")
          .containsExactlyInAnyOrderElementsOf(changes.stream().map(a -> a.getAlertId() + ":" + a.getRevision()).toList());
      Map<String, List<Integer>> revisionsById = accepted.stream().collect(Collectors.groupingBy(FlakyReceiver.Request::alertId,
          Collectors.mapping(FlakyReceiver.Request::revision, Collectors.toList())));
      assertThat(revisionsById).hasSize(6).allSatisfy((id, revisions) -> assertThat(revisions).as("order of %s", id).containsExactly(1, 2, 3, 4));
      assertThat(accepted.get(0).body()).contains("\"alertId\":\"" + accepted.get(0).alertId() + "\"").contains("\"status\"");

      // a restart of the same group goes on after the committed changes: nothing delivered again
      Alert fifth = change(run + "-a0", 5);
      TopicRecords.produce(config, topic, List.of(fifth), Alert::getAlertId);
      try (WebhookDelivery restarted = delivery(config, settings, topic)) {
        await("the new change accepted").atMost(PATIENCE).until(() -> keys(receiver.accepted()).contains(fifth.getAlertId() + ":5"));
      }
      assertThat(receiver.accepted()).as("only the new change after the restart").hasSize(changes.size() + 1);
    }
  }

  @Test
  void aChangeTheReceiverNeverTakesIsDeadLetteredWithTheReasonAndDeliveryGoesOn() throws Exception {
    String run = SharedKafkaCluster.unique("webhook-dlq");
    ProvwatchConfig config = cluster.config(Map.of());
    TopicSpec<String, Alert> topic = alertsTopic(config, run);
    List<Alert> changes = List.of(change(run + "-x", 1), change(run + "-x", 2), change(run + "-y", 1));
    try (FlakyReceiver receiver = new FlakyReceiver(SECRET, -1, Duration.ZERO)) {
      TopicRecords.produce(config, topic, changes, Alert::getAlertId);
      try (WebhookDelivery delivery = delivery(config, settings(receiver, 3, run), topic)) {
        List<DeadLetter> letters = TopicRecords.readCommitted(config, Topics.ALERTS_WEBHOOK_DLQ, d -> d.getSource().equals(topic.name()), 3);
        assertThat(letters).hasSize(3).allSatisfy(d -> {
          assertThat(d.getStage()).isEqualTo(WebhookDelivery.STAGE);
          assertThat(d.getErrorCode()).isEqualTo("WEBHOOK_RETRIES_EXHAUSTED");
          assertThat(d.getMessage()).contains("gave up after 3 attempt(s); last: HTTP 500").contains("127.0.0.1:" + receiver.url().getPort())
              .doesNotContain("token-abc").doesNotContain(SECRET);
          assertThat(d.getPosition()).startsWith(topic.name() + "-");
        });
        assertThat(letters).extracting(DeadLetter::getMessage).anySatisfy(m -> assertThat(m).contains("(idempotency key " + run + "-x:2)"));
        assertThat(letters).extracting(d -> StandardCharsets.UTF_8.decode(d.getRaw().duplicate()).toString())
            .as("the exact body that was refused").allSatisfy(body -> assertThat(body).startsWith("{\"alertId\":\"" + run));
        assertThat(delivery.isHealthy()).isTrue();
      }
      assertThat(receiver.requests()).hasSize(9);
    }
  }

  private static WebhookSettings settings(FlakyReceiver receiver, int attempts, String run) {
    return new WebhookSettings(List.of(receiver.url()), SECRET, "it-webhook-" + run, attempts, Duration.ofMillis(20),
        Duration.ofMillis(200), Duration.ofMillis(400), 3);
  }

  private static WebhookDelivery delivery(ProvwatchConfig config, WebhookSettings settings, TopicSpec<String, Alert> topic) {
    WebhookSender sender = new WebhookSender(settings, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), new Random(11));
    return new WebhookDelivery(config, settings, sender, topic.name(), Clock.systemUTC()).start();
  }

  /** A topic of this test laid out like {@code alerts}, so that other tests' alerts do not reach its receiver. */
  private static TopicSpec<String, Alert> alertsTopic(ProvwatchConfig config, String run) throws Exception {
    String name = "it-alerts-" + run;
    try (Admin admin = Admin.create(config.kafkaClientProperties())) {
      admin.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get();
      TopicCatalog.awaitLeaders(admin, List.of(name));
    }
    return new TopicSpec<>(name, 3, -1, false, Topics.ALERTS.keySerdeFactory(), Topics.ALERTS.valueSerdeFactory(), "test alerts");
  }

  private static Alert change(String alertId, int revision) {
    Alert candidate = AlertCandidates.of(assessment("x:" + alertId, 0.9, signal("unattributed-copy", 1.0, "copy")), Severity.HIGH,
        InputRef.newBuilder().setTopic("assessments").setPartition(0).setOffset(revision).build());
    return Alert.newBuilder(candidate).setAlertId(alertId).setRevision(revision)
        .setStatus(revision == 1 ? AlertStatus.OPENED : AlertStatus.UPDATED).build();
  }

  private static List<String> keys(List<FlakyReceiver.Request> requests) {
    return requests.stream().map(FlakyReceiver.Request::idempotencyKey).toList();
  }
}

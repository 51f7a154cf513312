package io.provwatch.sink;

import io.provwatch.avro.Alert;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Lineage;
import io.provwatch.avro.Severity;
import io.provwatch.avro.Signal;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Builds the sink topology {@code assessments -> alerts}: an assessment at or above the policy's
 * floor becomes an alert, written to {@code alerts} and to {@code alerts.<severity>}.
 */
public final class AlertTopologyBuilder {
  private final Map<String, Object> serdeConfig;
  private final SeverityPolicy policy;
  private final TopicNames topics;

  /**
   * The topics the topology reads and writes: the live ones, or a replay's.
   *
   * @param severityTopics whether alerts also go to {@code alerts.<severity>} (live only)
   * @param assessmentsInLineage topic name recorded for the assessment in an alert's lineage: a replay
   *     records a run-independent name, so that two replays of the same range give identical alerts
   */
  public record TopicNames(String assessments, String alerts, boolean severityTopics, String assessmentsInLineage) {
    public static final TopicNames LIVE = new TopicNames(Topics.ASSESSMENTS.name(), Topics.ALERTS.name(), true, Topics.ASSESSMENTS.name());
  }

  public AlertTopologyBuilder(ProvwatchConfig config, SeverityPolicy policy) {
    this(config.serdeConfig(), policy, TopicNames.LIVE);
  }

  private AlertTopologyBuilder(Map<String, Object> serdeConfig, SeverityPolicy policy, TopicNames topics) {
    this.serdeConfig = serdeConfig;
    this.policy = policy;
    this.topics = topics;
  }

  /** The same topology on other topics, e.g. a replay's audit topics. */
  public AlertTopologyBuilder withTopics(TopicNames topicNames) {
    return new AlertTopologyBuilder(serdeConfig, policy, topicNames);
  }

  public static AlertTopologyBuilder fromConfig(ProvwatchConfig config) {
    return new AlertTopologyBuilder(config, SeverityPolicy.fromConfig(config));
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    var alerts = builder.stream(topics.assessments(),
            Consumed.with(Topics.ASSESSMENTS.keySerde(serdeConfig), Topics.ASSESSMENTS.valueSerde(serdeConfig)).withName("assessments-source"))
        .processValues(() -> new ToAlert(policy, topics.assessmentsInLineage()), Named.as("to-alert"))
        .filter((key, alert) -> alert != null, Named.as("alerting"))
        .selectKey((postId, alert) -> alert.getAlertId(), Named.as("key-by-alert-id"));
    Produced<String, Alert> produced = Produced.with(Topics.ALERTS.keySerde(serdeConfig), Topics.ALERTS.valueSerde(serdeConfig));
    alerts.to(topics.alerts(), produced.withName("alerts-sink"));
    if (!topics.severityTopics()) {
      return builder.build();
    }
    alerts.to((key, alert, context) -> Topics.alertsFor(alert.getSeverity()).name(),
        Produced.with(Topics.ALERTS.keySerde(serdeConfig), Topics.ALERTS.valueSerde(serdeConfig)).withName("alerts-by-severity-sink"));
    return builder.build();
  }

  /** Assessment to alert, or null when the risk raises none. Pure apart from the record's coordinates. */
  static final class ToAlert implements FixedKeyProcessor<String, Assessment, Alert> {
    private final SeverityPolicy policy;
    private final String assessmentsInLineage;
    private FixedKeyProcessorContext<String, Alert> context;

    ToAlert(SeverityPolicy policy, String assessmentsInLineage) {
      this.policy = policy;
      this.assessmentsInLineage = assessmentsInLineage;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Alert> context) {
      this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Assessment> record) {
      Assessment assessment = record.value();
      if (assessment == null) {
        throw new IllegalArgumentException("record without an assessment (null value, key " + record.key() + ")");
      }
      Optional<Severity> severity = policy.severityOf(assessment.getRisk());
      if (severity.isEmpty()) {
        context.forward(record.withValue(null));
        return;
      }
      InputRef self = context.recordMetadata()
          .map(m -> InputRef.newBuilder().setTopic(assessmentsInLineage).setPartition(m.partition()).setOffset(m.offset()).build())
          .orElseThrow();
      context.forward(record.withValue(toAlert(assessment, severity.get(), self)));
    }
  }

  static Alert toAlert(Assessment assessment, Severity severity, InputRef assessmentRecord) {
    List<Signal> firing = assessment.getSignals().stream().filter(s -> s.getScore() > 0)
        .sorted(Comparator.comparingDouble(Signal::getScore).reversed().thenComparing(Signal::getName)).toList();
    String category = firing.isEmpty() ? AlertCategories.PROVENANCE_GAP : AlertCategories.of(firing.get(0).getName());
    List<String> reasons = new ArrayList<>();
    Map<String, String> evidence = new TreeMap<>();
    for (Signal signal : firing) {
      reasons.addAll(signal.getReasons());
      signal.getEvidence().forEach((k, v) -> evidence.put(signal.getName() + "." + k, v));
      evidence.put(signal.getName() + ".score", Double.toString(signal.getScore()));
    }
    List<String> postIds = List.of(assessment.getPostId());
    return Alert.newBuilder()
        .setAlertId(AlertIds.of(category, postIds, assessment.getModelVersion(), assessment.getRuleSetVersion()))
        .setSeverity(severity)
        .setCategory(category)
        .setRisk(assessment.getRisk())
        .setPostIds(postIds)
        .setReasons(reasons)
        .setEvidence(evidence)
        .setCreatedAt(assessment.getProcessedAt())
        .setLineage(Lineage.newBuilder()
            .setInputs(List.of(assessment.getInput(), assessmentRecord))
            .setModelVersion(assessment.getModelVersion())
            .setRuleSetVersion(assessment.getRuleSetVersion())
            .build())
        .build();
  }
}

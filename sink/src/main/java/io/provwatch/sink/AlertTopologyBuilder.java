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

  public AlertTopologyBuilder(ProvwatchConfig config, SeverityPolicy policy) {
    this.serdeConfig = config.serdeConfig();
    this.policy = policy;
  }

  public static AlertTopologyBuilder fromConfig(ProvwatchConfig config) {
    return new AlertTopologyBuilder(config, SeverityPolicy.fromConfig(config));
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    var alerts = builder.stream(Topics.ASSESSMENTS.name(),
            Consumed.with(Topics.ASSESSMENTS.keySerde(serdeConfig), Topics.ASSESSMENTS.valueSerde(serdeConfig)).withName("assessments-source"))
        .processValues(() -> new ToAlert(policy), Named.as("to-alert"))
        .filter((key, alert) -> alert != null, Named.as("alerting"))
        .selectKey((postId, alert) -> alert.getAlertId(), Named.as("key-by-alert-id"));
    Produced<String, Alert> produced = Produced.with(Topics.ALERTS.keySerde(serdeConfig), Topics.ALERTS.valueSerde(serdeConfig));
    alerts.to(Topics.ALERTS.name(), produced.withName("alerts-sink"));
    alerts.to((key, alert, context) -> Topics.alertsFor(alert.getSeverity()).name(),
        Produced.with(Topics.ALERTS.keySerde(serdeConfig), Topics.ALERTS.valueSerde(serdeConfig)).withName("alerts-by-severity-sink"));
    return builder.build();
  }

  /** Assessment to alert, or null when the risk raises none. Pure apart from the record's coordinates. */
  static final class ToAlert implements FixedKeyProcessor<String, Assessment, Alert> {
    private final SeverityPolicy policy;
    private FixedKeyProcessorContext<String, Alert> context;

    ToAlert(SeverityPolicy policy) {
      this.policy = policy;
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
          .map(m -> InputRef.newBuilder().setTopic(m.topic()).setPartition(m.partition()).setOffset(m.offset()).build())
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

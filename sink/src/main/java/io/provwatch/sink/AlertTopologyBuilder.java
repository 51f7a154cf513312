package io.provwatch.sink;

import io.provwatch.avro.Alert;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.Campaign;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Severity;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.explain.ExplainStore;
import io.provwatch.platform.metrics.ProvwatchMetrics;
import io.provwatch.platform.streams.TimeOrderedKey;
import io.provwatch.platform.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Builds the sink topology {@code assessments -> alerts}. An assessment at or above the policy's
 * floor is evidence for one alert per (category, campaign or post): it is re-keyed by that alert key
 * so that one task owns each lifecycle, which opens the alert, updates it as evidence grows and
 * closes it after a quiet period of stream time. Every change goes to {@code alerts} and to
 * {@code alerts.<severity>} (and, when enabled, as JSON to {@code alerts.json}), keyed by alert id;
 * {@value #ALERTS_BY_ID_STORE} holds the latest change of each alert id for interactive queries, for
 * {@code explain.retention.ms} of record time (see {@link ExplainStore}).
 */
public final class AlertTopologyBuilder {
  /** Queryable store: alert id -> latest change, partitioned like {@code alerts} (by alert id), for the explain retention. */
  public static final String ALERTS_BY_ID_STORE = "alerts-by-id";
  /** Store of the lifecycles: alert key -> working alert. */
  static final String LIFECYCLES_STORE = "alert-lifecycles";
  /** Index of the lifecycles by when they are due (close or forget): {@code <due, 19 digits>|<alert key>} -> alert key. */
  static final String DUE_STORE = "alert-lifecycles-by-due";
  /** The lifecycles of campaign alerts, apart: they run on the campaigns' own time, whatever the assessments' pace. */
  static final String CAMPAIGN_LIFECYCLES_STORE = "campaign-alert-lifecycles";
  static final String CAMPAIGN_DUE_STORE = "campaign-alert-lifecycles-by-due";
  /** Topic name of campaign changes in alerts' lineage, live or replayed. */
  static final String CAMPAIGNS_IN_LINEAGE = "campaigns";

  private final Map<String, Object> serdeConfig;
  private final AlertPolicy policy;
  private final LifecycleWindows windows;
  private final boolean jsonMirror;
  private final long explainRetentionMs;
  private final TopicNames topics;

  /**
   * The topics the topology reads and writes: the live ones, or a replay's.
   *
   * @param assessments topic read, {@code assessments} live
   * @param alerts topic written, {@code alerts} live; severity topics are {@code <alerts>.<severity>} and the
   *     JSON mirror {@code <alerts>.json}
   * @param severityTopics whether alerts also go to the severity topics and the JSON mirror (live only)
   * @param assessmentsInLineage topic name recorded for the assessment in an alert's lineage: a replay
   *     records a run-independent name, so that two replays of the same range give identical alerts
   * @param campaigns topic of campaign changes read (scoring's coordination branch), {@code campaigns} live; its
   *     name is recorded in lineage as {@code campaigns} for the same reason
   */
  public record TopicNames(String assessments, String alerts, boolean severityTopics, String assessmentsInLineage, String campaigns) {
    public static final TopicNames LIVE = new TopicNames(Topics.ASSESSMENTS.name(), Topics.ALERTS.name(), true, Topics.ASSESSMENTS.name(),
        Topics.CAMPAIGNS.name());
  }

  public AlertTopologyBuilder(ProvwatchConfig config, AlertPolicy policy, LifecycleWindows windows, TopicNames topics) {
    this(config.serdeConfig(), policy, windows, config.getBoolean(ProvwatchConfig.SINK_ALERTS_JSON_ENABLED),
        config.getLong(ProvwatchConfig.EXPLAIN_RETENTION_MS), topics);
  }

  private AlertTopologyBuilder(Map<String, Object> serdeConfig, AlertPolicy policy, LifecycleWindows windows, boolean jsonMirror,
      long explainRetentionMs, TopicNames topics) {
    this.serdeConfig = serdeConfig;
    this.policy = policy;
    this.windows = windows;
    this.jsonMirror = jsonMirror;
    this.explainRetentionMs = explainRetentionMs;
    this.topics = topics;
  }

  /** The same topology on other topics, e.g. a replay's audit topics. */
  public AlertTopologyBuilder withTopics(TopicNames topicNames) {
    return new AlertTopologyBuilder(serdeConfig, policy, windows, jsonMirror, explainRetentionMs, topicNames);
  }

  /** The live sink: {@code assessments -> alerts}, policy and windows from config. */
  public static AlertTopologyBuilder fromConfig(ProvwatchConfig config) {
    return new AlertTopologyBuilder(config, AlertPolicy.fromConfig(config), LifecycleWindows.fromConfig(config), TopicNames.LIVE);
  }

  /** The topic of alerts of {@code severity}: {@code alerts.high} for the live {@code alerts}. */
  public static String severityTopic(String alertsTopic, Severity severity) {
    return alertsTopic + "." + severity.name().toLowerCase(Locale.ROOT);
  }

  public Topology build() {
    StreamsBuilder builder = new StreamsBuilder();
    Serde<String> keys = Serdes.String();
    Serde<Alert> alertSerde = Topics.ALERTS.valueSerde(serdeConfig);
    for (String[] stores : List.of(new String[] {LIFECYCLES_STORE, DUE_STORE}, new String[] {CAMPAIGN_LIFECYCLES_STORE, CAMPAIGN_DUE_STORE})) {
      builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores[0]), keys, alertSerde));
      builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(stores[1]), keys, keys));
    }

    KStream<String, Alert> changes = builder.stream(topics.assessments(),
            Consumed.with(Topics.ASSESSMENTS.keySerde(serdeConfig), Topics.ASSESSMENTS.valueSerde(serdeConfig)).withName("assessments-source"))
        .process(() -> new ToCandidate(policy, topics.assessmentsInLineage()), Named.as("to-candidate"))
        .repartition(Repartitioned.with(keys, alertSerde).withName("by-alert-key"))
        .process(() -> new Lifecycle(new AlertLifecycle(windows, policy.causeMinPosts()), windows.checkIntervalMs(), LIFECYCLES_STORE, DUE_STORE),
            Named.as("lifecycle"), LIFECYCLES_STORE, DUE_STORE);
    publish(changes, "");
    // campaigns are keyed by campaign id, so each campaign's changes are on one partition already: no repartition
    KStream<String, Alert> campaignChanges = builder.stream(topics.campaigns(),
            Consumed.with(Topics.CAMPAIGNS.keySerde(serdeConfig), Topics.CAMPAIGNS.valueSerde(serdeConfig)).withName("campaigns-source"))
        .process(() -> new CampaignToCandidate(policy.severities()), Named.as("campaign-to-candidate"))
        .process(() -> new Lifecycle(new AlertLifecycle(windows, policy.causeMinPosts()), windows.checkIntervalMs(), CAMPAIGN_LIFECYCLES_STORE,
            CAMPAIGN_DUE_STORE), Named.as("campaign-lifecycle"), CAMPAIGN_LIFECYCLES_STORE, CAMPAIGN_DUE_STORE);
    publish(campaignChanges, "campaign-");
    // the latest change per id, read back from the output into a global store: the topic is its changelog (ExplainStore)
    ExplainStore.addTo(builder, topics.alerts(), Consumed.with(keys, alertSerde).withName("alerts-source"), ALERTS_BY_ID_STORE, alertSerde,
        explainRetentionMs);
    return builder.build();
  }

  /** Every change to {@code alerts}, and live also to its severity topic and the JSON mirror; {@code prefix} names the sinks apart. */
  private void publish(KStream<String, Alert> changes, String prefix) {
    Serde<Alert> alertSerde = Topics.ALERTS.valueSerde(serdeConfig);
    Serde<String> keys = Serdes.String();
    changes.to(topics.alerts(), Produced.with(keys, alertSerde).withName(prefix + "alerts-sink"));
    if (topics.severityTopics()) {
      changes.to((key, alert, context) -> severityTopic(topics.alerts(), alert.getSeverity()),
          Produced.with(keys, alertSerde).withName(prefix + "alerts-by-severity-sink"));
      if (jsonMirror) {
        changes.mapValues(AlertFormatter::json, Named.as(prefix + "to-json"))
            .to(topics.alerts() + ".json", Produced.with(keys, Serdes.String()).withName(prefix + "alerts-json-sink"));
      }
    }
  }

  /** A campaign change to the candidate of its campaign alert (see {@link CampaignAlerts}); a deleted campaign (tombstone) raises none. */
  static final class CampaignToCandidate implements Processor<String, Campaign, String, Alert> {
    private final SeverityPolicy severities;
    private ProcessorContext<String, Alert> context;

    CampaignToCandidate(SeverityPolicy severities) {
      this.severities = severities;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, Campaign> record) {
      if (record.value() == null) {
        return; // joined into another campaign: its alert goes quiet and closes
      }
      InputRef self = context.recordMetadata()
          .map(m -> InputRef.newBuilder().setTopic(CAMPAIGNS_IN_LINEAGE).setPartition(m.partition()).setOffset(m.offset()).build())
          .orElseThrow();
      CampaignAlerts.candidateOf(record.value(), self, severities).ifPresent(candidate ->
          context.forward(new Record<>(AlertCandidates.alertKey(candidate), candidate, record.value().getLastSeen().toEpochMilli(),
              record.headers())));
    }
  }

  /**
   * Assessment to candidate keyed by alert key, or nothing when the risk raises no alert. A finding on
   * context signals only is a candidate of its cause's alert. The record time becomes the assessment's
   * processedAt, so lifecycles run on the data's time however the assessment was written.
   */
  static final class ToCandidate implements Processor<String, Assessment, String, Alert> {
    private final AlertPolicy policy;
    private final String assessmentsInLineage;
    private ProcessorContext<String, Alert> context;

    ToCandidate(AlertPolicy policy, String assessmentsInLineage) {
      this.policy = policy;
      this.assessmentsInLineage = assessmentsInLineage;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
      this.context = context;
    }

    @Override
    public void process(Record<String, Assessment> record) {
      Assessment assessment = record.value();
      if (assessment == null) {
        throw new IllegalArgumentException("record without an assessment (null value, key " + record.key() + ")");
      }
      InputRef self = context.recordMetadata()
          .map(m -> InputRef.newBuilder().setTopic(assessmentsInLineage).setPartition(m.partition()).setOffset(m.offset()).build())
          .orElseThrow();
      policy.candidateOf(assessment, self).ifPresent(candidate ->
          context.forward(new Record<>(AlertCandidates.alertKey(candidate), candidate, assessment.getProcessedAt().toEpochMilli(), record.headers())));
    }
  }

  /**
   * Runs the lifecycles of the alert keys of one task: on each candidate, and on stream time for quiet
   * alerts. An index by due time keeps the stream-time check to the lifecycles that are due, not all.
   */
  static final class Lifecycle implements Processor<String, Alert, String, Alert> {
    private final AlertLifecycle lifecycle;
    private final long checkIntervalMs;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Alert> lifecycles;
    private KeyValueStore<String, String> byDue;
    /** No entry of the due index is due before this: skips the index read on records that can close nothing (not known after a restart). */
    private long nextDueAtLeast = Long.MIN_VALUE;

    private final String lifecyclesStore;
    private final String dueStore;

    Lifecycle(AlertLifecycle lifecycle, long checkIntervalMs, String lifecyclesStore, String dueStore) {
      this.lifecycle = lifecycle;
      this.checkIntervalMs = checkIntervalMs;
      this.lifecyclesStore = lifecyclesStore;
      this.dueStore = dueStore;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
      this.context = context;
      this.lifecycles = context.getStateStore(lifecyclesStore);
      this.byDue = context.getStateStore(dueStore);
      // stream time, never wall clock: a replay closes the same alerts at the same points
      context.schedule(Duration.ofMillis(checkIntervalMs), PunctuationType.STREAM_TIME, this::closeDue);
    }

    @Override
    public void process(Record<String, Alert> record) {
      // the punctuation runs between batches of records, how many depends on timing: closing here too, before
      // the record, puts every CLOSED change at the same place in the output in every run over the same input
      closeDue(Math.max(context.currentStreamTimeMs(), record.timestamp()));
      Alert before = lifecycles.get(record.key());
      AlertLifecycle.Step step = lifecycle.apply(before, record.value(), record.timestamp());
      save(record.key(), before, step.working());
      for (Alert change : step.changes()) {
        context.forward(new Record<>(change.getAlertId(), change, change.getUpdatedAt().toEpochMilli()));
        ProvwatchMetrics.alert(change.getSeverity().name(), change.getStatus().name());
      }
    }

    /** Closes the alerts that went quiet and forgets those past their suppression window, in due then key order. */
    private void closeDue(long streamTimeMs) {
      if (streamTimeMs <= nextDueAtLeast) {
        return; // runs before every record: most can close nothing
      }
      List<KeyValue<String, String>> due = new ArrayList<>();
      long nextDue = Long.MAX_VALUE;
      // due strictly before stream time, oldest first; the first entry not due bounds the next look
      try (KeyValueIterator<String, String> entries = byDue.range(TimeOrderedKey.of(Long.MIN_VALUE, ""), null)) {
        while (entries.hasNext()) {
          KeyValue<String, String> entry = entries.next();
          long dueMs = TimeOrderedKey.timeOf(entry.key);
          if (dueMs >= streamTimeMs) {
            nextDue = dueMs;
            break;
          }
          due.add(entry);
        }
      }
      nextDueAtLeast = nextDue; // save() lowers it for the entries moved below
      for (KeyValue<String, String> entry : due) {
        String key = entry.value;
        Alert working = lifecycles.get(key);
        if (working == null) {
          byDue.delete(entry.key); // an index entry without its lifecycle: nothing to close
          continue;
        }
        if (lifecycle.expired(working, streamTimeMs)) {
          save(key, working, null);
          continue;
        }
        Optional<Alert> closed = lifecycle.closeIfQuiet(working, streamTimeMs);
        if (closed.isPresent()) {
          save(key, working, closed.get());
          context.forward(new Record<>(closed.get().getAlertId(), closed.get(), closed.get().getUpdatedAt().toEpochMilli()));
        }
      }
    }

    /** Replaces the working alert of {@code key} (null: forgets it) and keeps the due index in step. */
    private void save(String key, Alert before, Alert after) {
      boolean moved = before == null || after == null || lifecycle.dueAt(before) != lifecycle.dueAt(after);
      if (before != null && moved) {
        byDue.delete(TimeOrderedKey.of(lifecycle.dueAt(before), key));
      }
      if (after == null) {
        lifecycles.delete(key);
        return;
      }
      lifecycles.put(key, after);
      if (moved) {
        byDue.put(TimeOrderedKey.of(lifecycle.dueAt(after), key), key);
        nextDueAtLeast = Math.min(nextDueAtLeast, lifecycle.dueAt(after));
      }
    }
  }
}

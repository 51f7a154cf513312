package io.provwatch.sink;

import io.provwatch.avro.Alert;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Lineage;
import io.provwatch.avro.Severity;
import io.provwatch.avro.Signal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * One alerting assessment as the evidence of a single post: an {@link Alert} without id or
 * revision yet, which the lifecycle merges into the alert of its (category, campaign or post).
 */
public final class AlertCandidates {
  /** Evidence key of the {@code coordination} signal naming the campaign a post belongs to. */
  public static final String CAMPAIGN_ID_EVIDENCE = "campaignId";
  static final String COORDINATION_SIGNAL = "coordination";
  /** Group key prefix of the alerts that gather the context-only findings of one account. */
  static final String CAUSE_PREFIX = "account:";
  /** Assessment field with the hash of the effective scoring config (lineage), read by name: older assessments lack it. */
  static final String CONFIG_HASH_FIELD = "configHash";

  private AlertCandidates() {}

  /** The alert key: what one lifecycle is about, e.g. {@code coordination|campaign:c-7} or {@code ai-text|post:x:9}. */
  public static String alertKey(Alert candidate) {
    return candidate.getCategory() + "|" + candidate.getGroupKey();
  }

  /**
   * The candidate of {@code assessment}: a campaign member (its coordination signal names a
   * campaign) is a coordination candidate of {@code campaign:<id>}, so that the whole campaign is one
   * alert; any other post is a candidate of {@code post:<id>} in the category of its strongest signal.
   */
  public static Alert of(Assessment assessment, Severity severity, InputRef assessmentRecord) {
    return of(assessment, severity, assessmentRecord, OpeningSignals.ALL);
  }

  /**
   * As {@link #of(Assessment, Severity, InputRef)}, the category being that of the strongest signal
   * that can open an alert under {@code openers}: a context signal that only added to the risk does not
   * name the alert. Every firing signal's reasons and evidence are listed.
   */
  public static Alert of(Assessment assessment, Severity severity, InputRef assessmentRecord, OpeningSignals openers) {
    List<Signal> firing = firing(assessment);
    return of(assessment, severity, assessmentRecord, firing, firing.stream().filter(openers::opens).findFirst());
  }

  /** As above, with the firing signals ({@link #firing}) and the strongest of them that opens, already found. */
  static Alert of(Assessment assessment, Severity severity, InputRef assessmentRecord, List<Signal> firing, Optional<Signal> lead) {
    Optional<String> campaign = firing.stream().filter(s -> s.getName().equals(COORDINATION_SIGNAL))
        .map(s -> s.getEvidence().get(CAMPAIGN_ID_EVIDENCE)).filter(id -> id != null && !id.isBlank()).findFirst();
    String category = campaign.isPresent() ? AlertCategories.COORDINATION
        : lead.map(s -> AlertCategories.of(s.getName())).orElse(AlertCategories.PROVENANCE_GAP);
    return candidate(assessment, severity, assessmentRecord, firing, category,
        campaign.map(id -> "campaign:" + id).orElse("post:" + assessment.getPostId()));
  }

  /**
   * The candidate of a context-only finding (no signal of it can open an alert) for the alert of its
   * cause, the account that posted it: {@code account:<platform>:<author id>} in category
   * {@code provenance-gap}. Many such findings of one account make one alert, not one per post.
   */
  public static Alert ofCause(Assessment assessment, Severity severity, InputRef assessmentRecord) {
    return ofCause(assessment, severity, assessmentRecord, firing(assessment));
  }

  static Alert ofCause(Assessment assessment, Severity severity, InputRef assessmentRecord, List<Signal> firing) {
    return candidate(assessment, severity, assessmentRecord, firing, AlertCategories.PROVENANCE_GAP,
        CAUSE_PREFIX + assessment.getPlatform() + ":" + assessment.getAuthorId());
  }

  /** The signals that fired, strongest first (ties by name). */
  static List<Signal> firing(Assessment assessment) {
    return assessment.getSignals().stream().filter(s -> s.getScore() > 0).sorted(OpeningSignals.STRONGEST_FIRST).toList();
  }

  /** Whether {@code alert} gathers the context-only findings of one cause ({@link #ofCause}). */
  public static boolean isCause(Alert alert) {
    return alert.getGroupKey().startsWith(CAUSE_PREFIX);
  }

  private static Alert candidate(Assessment assessment, Severity severity, InputRef assessmentRecord, List<Signal> firing, String category,
      String groupKey) {
    List<String> reasons = new ArrayList<>();
    Map<String, String> evidence = new TreeMap<>();
    for (Signal signal : firing) {
      reasons.addAll(signal.getReasons());
      signal.getEvidence().forEach((k, v) -> evidence.put(signal.getName() + "." + k, v));
      evidence.put(signal.getName() + ".score", Double.toString(signal.getScore()));
    }
    return Alert.newBuilder()
        .setAlertId("")
        .setStatus(AlertStatus.OPENED)
        .setRevision(0)
        .setGroupKey(groupKey)
        .setSeverity(severity)
        .setCategory(category)
        .setRisk(assessment.getRisk())
        .setPostIds(List.of(assessment.getPostId()))
        .setPostCount(1)
        .setReasons(reasons)
        .setEvidence(evidence)
        .setCreatedAt(assessment.getProcessedAt())
        .setFirstSeenAt(assessment.getProcessedAt())
        .setLastSeenAt(assessment.getProcessedAt())
        .setUpdatedAt(assessment.getProcessedAt())
        .setLineage(Lineage.newBuilder()
            .setInputs(List.of(assessment.getInput(), assessmentRecord))
            .setModelVersion(assessment.getModelVersion())
            .setRuleSetVersion(assessment.getRuleSetVersion())
            .setConfigHash(configHash(assessment))
            .build())
        .build();
  }

  /** The assessment's config hash when its schema has one (the lineage field), else "". */
  static String configHash(Assessment assessment) {
    Schema.Field field = assessment.getSchema().getField(CONFIG_HASH_FIELD);
    Object value = field == null ? null : assessment.get(field.pos());
    return value == null ? "" : value.toString();
  }
}

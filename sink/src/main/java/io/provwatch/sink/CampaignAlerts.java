package io.provwatch.sink;

import io.provwatch.avro.Alert;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.Campaign;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Lineage;
import io.provwatch.avro.Severity;
import io.provwatch.avro.SharedObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A campaign change (scoring's coordination branch, topic {@code campaigns}) as the candidate of its
 * campaign alert, {@code coordination|campaign:<id>}. Each change carries the whole campaign, so the
 * candidate lists all its posts and its reasons replace the alert's earlier ones.
 *
 * <p>Risk: {@code 0.2 + 0.1} per member account {@code + 0.1} per repetition required beyond the first,
 * at most {@value #MAX_RISK}: three accounts co-sharing within the window (min_repetition 1) are a medium
 * alert, a pair that did so with two distinct objects is one too, larger or more repeated groups rise to
 * high. Never critical on coordination alone: fans of one account and readers of one outlet also co-share.
 */
public final class CampaignAlerts {
  /** Group key prefix of campaign alerts. */
  public static final String GROUP_PREFIX = "campaign:";
  static final double MAX_RISK = 0.85;
  /** Objects and accounts named in the reasons and evidence. */
  static final int MAX_NAMED = 5;
  static final int MAX_NAMED_ACCOUNTS = 20;
  /** Lineage model version of campaign alerts: coordination needs no model. */
  static final String MODEL_VERSION = "coordination";

  private CampaignAlerts() {}

  /**
   * Whether {@code candidate} is a campaign change (read from the campaigns topic), which carries the
   * whole campaign, rather than one member's assessment.
   */
  public static boolean isCampaignChange(Alert candidate) {
    List<InputRef> inputs = candidate.getLineage().getInputs();
    return candidate.getGroupKey().startsWith(GROUP_PREFIX) && inputs.size() == 1
        && AlertTopologyBuilder.CAMPAIGNS_IN_LINEAGE.equals(inputs.get(0).getTopic());
  }

  public static double risk(Campaign campaign) {
    return Math.min(MAX_RISK, 0.2 + 0.1 * campaign.getMemberAccounts().size() + 0.1 * Math.max(0, campaign.getMinRepetition() - 1));
  }

  /** The candidate of {@code campaign}, or empty when its risk raises no alert. */
  public static Optional<Alert> candidateOf(Campaign campaign, InputRef campaignRecord, SeverityPolicy severities) {
    double risk = risk(campaign);
    Optional<Severity> severity = severities.severityOf(risk);
    if (severity.isEmpty()) {
      return Optional.empty();
    }
    int accounts = campaign.getMemberAccounts().size();
    String window = Duration.ofMillis(campaign.getTimeWindowMs()).toSeconds() + " s";
    List<String> reasons = new ArrayList<>();
    reasons.add(accounts + " accounts linked by " + campaign.getPairCount() + " coordinated pair" + (campaign.getPairCount() == 1 ? "" : "s")
        + ": each pair shared " + (campaign.getMinRepetition() > 1 ? "at least " + campaign.getMinRepetition() + " distinct objects" : "the same object")
        + " within " + window + " of each other");
    List<String> labels = campaign.getSharedObjects().stream().limit(MAX_NAMED).map(CampaignAlerts::describe).toList();
    reasons.add("shared: " + String.join("; ", labels)
        + (campaign.getSharedObjects().size() > MAX_NAMED ? " and " + (campaign.getSharedObjects().size() - MAX_NAMED) + " more" : ""));
    Map<String, String> evidence = new TreeMap<>();
    evidence.put("coordination." + AlertCandidates.CAMPAIGN_ID_EVIDENCE, campaign.getCampaignId());
    evidence.put("coordination.accountCount", Integer.toString(accounts));
    evidence.put("coordination.accounts", String.join(",", campaign.getMemberAccounts().stream().limit(MAX_NAMED_ACCOUNTS).toList()));
    evidence.put("coordination.pairCount", Integer.toString(campaign.getPairCount()));
    evidence.put("coordination.objectCount", Integer.toString(campaign.getSharedObjects().size()));
    evidence.put("coordination.timeWindowMs", Long.toString(campaign.getTimeWindowMs()));
    evidence.put("coordination.minRepetition", Integer.toString(campaign.getMinRepetition()));
    evidence.put("coordination.score", String.format(Locale.ROOT, "%.2f", risk));
    return Optional.of(Alert.newBuilder()
        .setAlertId("")
        .setStatus(AlertStatus.OPENED)
        .setRevision(0)
        .setGroupKey(GROUP_PREFIX + campaign.getCampaignId())
        .setSeverity(severity.get())
        .setCategory(AlertCategories.COORDINATION)
        .setRisk(risk)
        .setPostIds(new ArrayList<>(campaign.getPostIds()))
        .setPostCount(Math.max(campaign.getPostCount(), campaign.getPostIds().size()))
        .setReasons(reasons)
        .setEvidence(evidence)
        .setCreatedAt(campaign.getLastSeen())
        .setFirstSeenAt(campaign.getFirstSeen())
        .setLastSeenAt(campaign.getLastSeen())
        .setUpdatedAt(campaign.getLastSeen())
        .setLineage(Lineage.newBuilder()
            .setInputs(List.of(campaignRecord))
            .setModelVersion(MODEL_VERSION)
            .setRuleSetVersion(campaign.getRuleSetVersion())
            .setConfigHash(campaign.getConfigHash())
            .build())
        .build());
  }

  private static String describe(SharedObject object) {
    return object.getKind() + " " + object.getLabel();
  }
}

package io.provwatch.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provwatch.avro.Alert;
import io.provwatch.avro.InputRef;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.TreeMap;

/** Renders alert changes for people (one summary line with status and revision, plus reasons) or for scripts (one JSON object per line). */
public final class AlertFormatter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private AlertFormatter() {}

  public static String text(Alert alert) {
    StringBuilder sb = new StringBuilder();
    int unlisted = alert.getPostCount() - alert.getPostIds().size();
    sb.append(TIME.format(alert.getUpdatedAt())).append("  ")
        .append(String.format("%-7s", alert.getStatus())).append(" r").append(alert.getRevision()).append("  ")
        .append(String.format("%-8s", alert.getSeverity())).append(' ')
        .append(alert.getCategory()).append("  risk ").append(String.format(Locale.ROOT, "%.2f", alert.getRisk())).append("  ")
        .append(String.join(", ", alert.getPostIds())).append(unlisted > 0 ? " (+" + unlisted + " more)" : "")
        .append("  [").append(alert.getAlertId()).append(']');
    for (String reason : alert.getReasons()) {
      sb.append(System.lineSeparator()).append("    - ").append(reason);
    }
    return sb.toString();
  }

  public static String json(Alert alert) {
    ObjectNode node = JSON.createObjectNode();
    node.put("alertId", alert.getAlertId());
    node.put("status", alert.getStatus().name());
    node.put("revision", alert.getRevision());
    node.put("severity", alert.getSeverity().name());
    node.put("category", alert.getCategory());
    node.put("groupKey", alert.getGroupKey());
    node.put("risk", alert.getRisk());
    node.put("createdAt", alert.getCreatedAt().toString());
    node.put("firstSeenAt", alert.getFirstSeenAt().toString());
    node.put("lastSeenAt", alert.getLastSeenAt().toString());
    node.put("updatedAt", alert.getUpdatedAt().toString());
    node.put("postCount", alert.getPostCount());
    alert.getPostIds().forEach(node.putArray("postIds")::add);
    alert.getReasons().forEach(node.putArray("reasons")::add);
    ObjectNode evidence = node.putObject("evidence");
    new TreeMap<>(alert.getEvidence()).forEach(evidence::put);
    ObjectNode lineage = node.putObject("lineage");
    ArrayNode inputs = lineage.putArray("inputs");
    for (InputRef ref : alert.getLineage().getInputs()) {
      inputs.addObject().put("topic", ref.getTopic()).put("partition", ref.getPartition()).put("offset", ref.getOffset());
    }
    lineage.put("modelVersion", alert.getLineage().getModelVersion());
    lineage.put("ruleSetVersion", alert.getLineage().getRuleSetVersion());
    lineage.put("configHash", alert.getLineage().getConfigHash());
    return node.toString();
  }

}

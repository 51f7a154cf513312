package io.provwatch.sink;

import io.provwatch.avro.Alert;
import io.provwatch.avro.AlertStatus;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Lineage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The lifecycle of one alert key as pure functions of (working alert, candidate, stream time), so
 * that a replay of the same assessments gives the same alert changes, byte for byte.
 *
 * <p>The working alert is the last change plus what repeats taught silently (a later last-seen
 * time); it lives in a state store keyed by alert key, and is what is compared and merged.
 */
public final class AlertLifecycle {
  /** Most reasons one alert lists: enough for a person, bounded for Kafka. */
  static final int MAX_REASONS = 50;

  private final LifecycleWindows windows;
  private final int causeMinPosts;

  /** @param causeMinPosts posts a cause's alert ({@link AlertCandidates#ofCause}) gathers before it opens */
  public AlertLifecycle(LifecycleWindows windows, int causeMinPosts) {
    this.windows = windows;
    this.causeMinPosts = causeMinPosts;
  }

  /** What a candidate did: the working alert to keep, and the changes to publish (zero, one or two). */
  public record Step(Alert working, List<Alert> changes) {}

  /**
   * Applies {@code candidate} (one alerting assessment of the key, at stream time {@code atMs}) to
   * {@code working} (null when the key has none): closes a quiet alert first, then opens a new alert,
   * reopens or updates the current one as the evidence grew, or only notes the repeat.
   */
  public Step apply(Alert working, Alert candidate, long atMs) {
    if (working != null && isGathering(working)) {
      // findings of a cause not yet alerted on: those a quiet period before this one no longer count
      Alert gathered = atMs > working.getLastSeenAt().toEpochMilli() + windows.quietPeriodMs() ? candidate : merge(working, candidate, atMs);
      return gatheredEnough(gathered) ? opened(gathered, atMs) : new Step(gathered, List.of());
    }
    List<Alert> changes = new ArrayList<>();
    Optional<Alert> closed = working == null ? Optional.empty() : closeIfQuiet(working, atMs);
    if (closed.isPresent()) {
      working = closed.get();
      changes.add(closed.get());
    }
    if (working == null || (working.getStatus() == AlertStatus.CLOSED && atMs > working.getLastSeenAt().toEpochMilli() + windows.suppressionWindowMs())) {
      if (AlertCandidates.isCause(candidate) && !gatheredEnough(candidate)) {
        return new Step(candidate, changes); // kept unpublished (revision 0) until enough posts of the cause gather
      }
      Alert opened = open(candidate, atMs);
      changes.add(opened);
      return new Step(opened, changes);
    }
    Alert merged = merge(working, candidate, atMs);
    boolean reopened = working.getStatus() == AlertStatus.CLOSED;
    if (reopened || grew(working, merged)) {
      Alert updated = Alert.newBuilder(merged).setStatus(AlertStatus.UPDATED).setRevision(working.getRevision() + 1)
          .setUpdatedAt(Instant.ofEpochMilli(atMs)).build();
      changes.add(published(updated, candidate));
      return new Step(updated, changes);
    }
    // a repeat with nothing new: suppressed, but the alert stays open for longer
    Alert noted = Alert.newBuilder(working).setLastSeenAt(merged.getLastSeenAt()).setFirstSeenAt(merged.getFirstSeenAt()).build();
    return new Step(noted, changes);
  }

  /** The CLOSED change of {@code working} when it is open and stream time passed its quiet period. */
  public Optional<Alert> closeIfQuiet(Alert working, long streamTimeMs) {
    long closesAt = working.getLastSeenAt().toEpochMilli() + windows.quietPeriodMs();
    if (working.getStatus() == AlertStatus.CLOSED || isGathering(working) || streamTimeMs <= closesAt) {
      return Optional.empty();
    }
    return Optional.of(Alert.newBuilder(working).setStatus(AlertStatus.CLOSED).setRevision(working.getRevision() + 1)
        .setUpdatedAt(Instant.ofEpochMilli(closesAt)).build());
  }

  /**
   * Whether {@code working} is closed and past its suppression window (a repeat now opens a new alert), or
   * still gathering and quiet (its findings no longer count): either way it can go.
   */
  public boolean expired(Alert working, long streamTimeMs) {
    if (isGathering(working)) {
      return streamTimeMs > working.getLastSeenAt().toEpochMilli() + windows.quietPeriodMs();
    }
    return working.getStatus() == AlertStatus.CLOSED
        && streamTimeMs > working.getLastSeenAt().toEpochMilli() + Math.max(windows.suppressionWindowMs(), windows.quietPeriodMs());
  }

  /**
   * The stream time after which {@code working} needs a look: when it closes if open, when it can be
   * forgotten if closed. {@link #closeIfQuiet} and {@link #expired} act once stream time passes it.
   */
  public long dueAt(Alert working) {
    long last = working.getLastSeenAt().toEpochMilli();
    return working.getStatus() == AlertStatus.CLOSED && !isGathering(working)
        ? last + Math.max(windows.suppressionWindowMs(), windows.quietPeriodMs())
        : last + windows.quietPeriodMs();
  }

  /** A cause's findings gathered but never published: revision 0 (every published change has 1 or more). */
  static boolean isGathering(Alert working) {
    return working.getRevision() == 0;
  }

  private boolean gatheredEnough(Alert gathered) {
    return gathered.getPostCount() >= causeMinPosts;
  }

  private Step opened(Alert gathered, long atMs) {
    Alert opened = open(gathered, atMs);
    return new Step(opened, List.of(opened));
  }

  private Alert open(Alert candidate, long atMs) {
    String id = AlertIds.of(candidate.getCategory(), candidate.getGroupKey(), atMs,
        candidate.getLineage().getModelVersion(), candidate.getLineage().getRuleSetVersion());
    return Alert.newBuilder(candidate).setAlertId(id).setStatus(AlertStatus.OPENED).setRevision(1)
        .setCreatedAt(Instant.ofEpochMilli(atMs)).setUpdatedAt(Instant.ofEpochMilli(atMs)).build();
  }

  /** The working alert with the candidate's evidence added; ids, status and revision unchanged. */
  private Alert merge(Alert working, Alert candidate, long atMs) {
    List<String> postIds = new ArrayList<>(working.getPostIds());
    List<InputRef> inputs = new ArrayList<>(working.getLineage().getInputs());
    int added = 0;
    boolean listedNew = false;
    for (String post : candidate.getPostIds()) {
      if (!postIds.contains(post)) {
        added++; // beyond the cap, unlisted posts cannot be told apart: each further assessment counts
        if (postIds.size() < windows.maxPostIds()) {
          postIds.add(post);
          listedNew = true;
        }
      }
    }
    if (listedNew) {
      inputs.addAll(candidate.getLineage().getInputs());
    }
    // a campaign's change is the whole campaign: its count and reasons replace the alert's, they do not add up
    boolean campaign = CampaignAlerts.isCampaignChange(candidate);
    int postCount = campaign ? Math.max(working.getPostCount(), Math.max(candidate.getPostCount(), postIds.size()))
        : working.getPostCount() + added;
    LinkedHashSet<String> reasons = new LinkedHashSet<>(campaign ? List.of() : working.getReasons());
    for (String reason : candidate.getReasons()) {
      if (reasons.size() >= MAX_REASONS) {
        break;
      }
      reasons.add(reason);
    }
    Map<String, String> evidence = new TreeMap<>(working.getEvidence());
    evidence.putAll(candidate.getEvidence());
    Instant first = working.getFirstSeenAt().isAfter(candidate.getFirstSeenAt()) ? candidate.getFirstSeenAt() : working.getFirstSeenAt();
    Instant last = Instant.ofEpochMilli(Math.max(working.getLastSeenAt().toEpochMilli(), atMs));
    return Alert.newBuilder(working)
        .setSeverity(candidate.getSeverity().compareTo(working.getSeverity()) > 0 ? candidate.getSeverity() : working.getSeverity())
        .setRisk(Math.max(working.getRisk(), candidate.getRisk()))
        .setPostIds(postIds)
        .setPostCount(postCount)
        .setReasons(new ArrayList<>(reasons))
        .setEvidence(evidence)
        .setFirstSeenAt(first)
        .setLastSeenAt(last)
        .setLineage(Lineage.newBuilder(working.getLineage())
            .setInputs(inputs)
            .setModelVersion(candidate.getLineage().getModelVersion())
            .setRuleSetVersion(candidate.getLineage().getRuleSetVersion())
            .setConfigHash(candidate.getLineage().getConfigHash())
            .build())
        .build();
  }

  /** Evidence a person would want to hear about: a new post, a higher risk or severity, a new or changed reason. */
  private static boolean grew(Alert before, Alert after) {
    return after.getPostCount() > before.getPostCount()
        || after.getRisk() > before.getRisk()
        || after.getSeverity().compareTo(before.getSeverity()) > 0
        || !after.getReasons().equals(before.getReasons());
  }

  /**
   * The change as published: the working alert's lineage (the listed posts' records) plus the records
   * of the assessment behind this change when its post is not listed.
   */
  private static Alert published(Alert updated, Alert candidate) {
    List<InputRef> inputs = updated.getLineage().getInputs();
    if (inputs.containsAll(candidate.getLineage().getInputs())) {
      return updated;
    }
    List<InputRef> withTrigger = new ArrayList<>(inputs);
    withTrigger.addAll(candidate.getLineage().getInputs());
    return Alert.newBuilder(updated)
        .setLineage(Lineage.newBuilder(updated.getLineage()).setInputs(withTrigger).build()).build();
  }
}

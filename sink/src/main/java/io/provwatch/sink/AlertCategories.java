package io.provwatch.sink;

import java.util.Map;

/** The alert category of each signal: what kind of problem a moderator is looking at. */
public final class AlertCategories {
  public static final String PROVENANCE_GAP = "provenance-gap";
  public static final String AI_TEXT = "ai-text";
  public static final String DISINFORMATION = "disinformation";
  public static final String COORDINATION = "coordination";

  private static final Map<String, String> BY_SIGNAL = Map.of(
      "unattributed-copy", PROVENANCE_GAP,
      "unseen-original", PROVENANCE_GAP,
      "missing-media-digest", PROVENANCE_GAP,
      "ai-text", AI_TEXT,
      "ai-text-second-tier", AI_TEXT,
      "provenance-credentials", PROVENANCE_GAP,
      "coordination", COORDINATION,
      "burst", COORDINATION,
      "claim-match", DISINFORMATION,
      "link-credibility", DISINFORMATION);

  private AlertCategories() {}

  /** Category of a signal; signals not listed yet are provenance gaps until they get their own. */
  public static String of(String signalName) {
    return BY_SIGNAL.getOrDefault(signalName, PROVENANCE_GAP);
  }
}

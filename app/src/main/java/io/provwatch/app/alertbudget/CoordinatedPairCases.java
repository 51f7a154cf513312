package io.provwatch.app.alertbudget;

import java.util.SortedSet;

/**
 * Account pairs that must be found together in one campaign alert: the coordination detector raises
 * one alert per campaign (a connected component of coordinated pairs), not one per post, so its recall
 * is counted per pair. A pair is found when one campaign alert lists both accounts, by name (evidence
 * {@code coordination.accounts}) or through a post of each it lists.
 *
 * @param group the name of the case group, e.g. {@code must alert: coordinated pairs (...)}
 * @param pairs the pairs, as {@code a|b} with {@code a < b} (the detector's pair keys)
 */
public record CoordinatedPairCases(String group, SortedSet<String> pairs) {}

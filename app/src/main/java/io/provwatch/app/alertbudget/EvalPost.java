package io.provwatch.app.alertbudget;

import io.provwatch.avro.Post;

/**
 * One post of an alert-budget run and what it stands for.
 *
 * @param group where it comes from, e.g. {@code ordinary: x-api-v2} or {@code must alert: copies}
 * @param role whether it is ordinary traffic (counts against the budget), a case that must alert
 *     (counts for recall), or context only (fed, reported, neither)
 * @param signal for a case: the signal an alert listing the post must carry (in its evidence) for the
 *     case to count as found, e.g. {@code claim-match}; null when any alert listing it finds it
 */
public record EvalPost(Post post, String group, Role role, String signal) {
  public enum Role { ORDINARY, MUST_ALERT, CONTEXT }

  public EvalPost(Post post, String group, Role role) {
    this(post, group, role, null);
  }
}

package io.provwatch.app.alertbudget;

import io.provwatch.avro.Post;

/**
 * One post of an alert-budget run and what it stands for.
 *
 * @param group where it comes from, e.g. {@code ordinary: x-api-v2} or {@code must alert: copies}
 * @param role whether it is ordinary traffic (counts against the budget), a case that must alert
 *     (counts for recall), or context only (fed, reported, neither)
 */
public record EvalPost(Post post, String group, Role role) {
  public enum Role { ORDINARY, MUST_ALERT, CONTEXT }
}

package io.provwatch.scoring;

/**
 * One signal about a post. Implementations are pure and deterministic: the same context always
 * gives the same result, so that a replay reproduces an assessment exactly.
 */
public interface Scorer {
  /** Stable name, recorded in each {@code Signal} and used by {@link RiskCombiner} for its weight. */
  String name();

  SignalResult score(PostContext context);
}

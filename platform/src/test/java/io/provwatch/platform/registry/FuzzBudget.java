package io.provwatch.platform.registry;

/** How long each fuzz target of this module is fuzzed in a build; see docs/fuzzing.md for longer runs. */
final class FuzzBudget {
  static final String PER_TARGET = "5s";

  private FuzzBudget() {}
}

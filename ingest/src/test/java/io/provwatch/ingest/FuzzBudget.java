package io.provwatch.ingest;

/**
 * How long each parser is fuzzed in a build ({@code ./mvnw verify} runs the surefire execution
 * {@code fuzz}, one JVM per fuzz test, two at a time). Start-up costs each JVM more than this (see
 * docs/fuzzing.md), so more seconds here buy little per build; for a longer hunt on one parser:
 * {@code JAZZER_MAX_DURATION=10m ./mvnw -pl ingest test -Dtest=FeedFormatFuzzTest}.
 */
public final class FuzzBudget {
  public static final String PER_PARSER = "5s";

  private FuzzBudget() {}
}

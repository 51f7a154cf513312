package io.provwatch.sink;

import io.provwatch.avro.Signal;
import io.provwatch.platform.config.ProvwatchConfig;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Which signals can open an alert, from which score ({@code sink.alert.open.min.scores}). Context-only
 * signals (a repost of a post never seen, media without a digest) fire on a large share of ordinary
 * traffic and say little about the post: they stay on the assessment and add to its risk, but an
 * alert needs a signal that can open one. Signals not listed open at any score above 0.
 */
public final class OpeningSignals {
  /** Strongest first, ties by name: the order alerts list signals in, and the first opener names the category. */
  public static final Comparator<Signal> STRONGEST_FIRST = Comparator.comparingDouble(Signal::getScore).reversed().thenComparing(Signal::getName);

  /** Every signal opens: the policy before context-only signals were told apart. */
  public static final OpeningSignals ALL = new OpeningSignals(Map.of());

  /** Minimum score by signal name; {@link Double#POSITIVE_INFINITY} for a signal that never opens. */
  private final Map<String, Double> minScores;

  public OpeningSignals(Map<String, Double> minScores) {
    this.minScores = Map.copyOf(minScores);
  }

  public static OpeningSignals fromConfig(ProvwatchConfig config) {
    return new OpeningSignals(parse(config.getList(ProvwatchConfig.SINK_ALERT_OPEN_MIN_SCORES)));
  }

  /** The entries as validated by the config: {@code signal=score} or {@code signal=never}. */
  static Map<String, Double> parse(List<String> entries) {
    Map<String, Double> minScores = new TreeMap<>();
    for (String entry : entries) {
      String[] kv = entry.split("=", 2);
      String score = kv[1].trim();
      minScores.put(kv[0].trim(), score.equals(ProvwatchConfig.NEVER_OPENS) ? Double.POSITIVE_INFINITY : Double.parseDouble(score));
    }
    return minScores;
  }

  /** Whether {@code signal} is strong enough to open an alert (any firing signal not listed is). */
  public boolean opens(Signal signal) {
    return signal.getScore() > 0 && signal.getScore() >= minScores.getOrDefault(signal.getName(), 0.0);
  }

  /** The strongest signal that can open an alert (ties by name), or empty when only context signals fired. */
  public Optional<Signal> lead(List<Signal> signals) {
    return signals.stream().filter(this::opens).min(STRONGEST_FIRST);
  }

  /** The minimum scores by signal name as configured; never-opening signals at infinity. */
  public Map<String, Double> minScores() {
    return minScores;
  }
}

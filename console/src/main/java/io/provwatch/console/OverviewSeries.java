package io.provwatch.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.provwatch.platform.metrics.ProvwatchMetrics;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The overview's charts: this process's meters sampled every {@value #INTERVAL_SECONDS} s over the
 * last hour, counters as rates per second. The same figures as the Grafana dashboard, which reads
 * them from Prometheus across processes; here each process shows what it runs (the demo: all).
 */
final class OverviewSeries implements AutoCloseable {
  static final int INTERVAL_SECONDS = 5;
  static final int POINTS = 3600 / INTERVAL_SECONDS;
  /** Kafka's consumer metric records-lag-max as Micrometer's binder names it. */
  static final String CONSUMER_LAG = "kafka.consumer.fetch.manager.records.lag.max";

  private record Sample(long epochSecond, Map<String, Double> totals, Map<String, Double> gauges) {}

  private final MeterRegistry registry;
  private final LongSupplier epochSeconds;
  private final Deque<Sample> samples = new ArrayDeque<>();
  private final ScheduledExecutorService timer = DaemonScheduler.named("provwatch-console-overview");

  OverviewSeries(MeterRegistry registry, LongSupplier epochSeconds) {
    this.registry = registry;
    this.epochSeconds = epochSeconds;
  }

  OverviewSeries start() {
    timer.scheduleAtFixedRate(this::sample, 0, INTERVAL_SECONDS, TimeUnit.SECONDS);
    return this;
  }

  synchronized void sample() {
    Map<String, Double> totals = new TreeMap<>();
    totals.put("posts", sum("provwatch.ingest.posts.published"));
    totals.put("assessments", assessed());
    totals.putAll(sumBy(ProvwatchMetrics.ALERTS, "severity", "alerts"));
    totals.putAll(sumBy(ProvwatchMetrics.DEAD_LETTERS, "stage", "deadLetters"));
    Map<String, Double> gauges = new TreeMap<>();
    for (Meter meter : registry.find(CONSUMER_LAG).meters()) {
      String stage = meter.getId().getTag("stage");
      double lag = value(meter);
      if (stage != null && !Double.isNaN(lag)) {
        gauges.merge("lag:" + stage, lag, Math::max);
      }
    }
    samples.addLast(new Sample(epochSeconds.getAsLong(), totals, gauges));
    while (samples.size() > POINTS + 1) {
      samples.removeFirst();
    }
  }

  /**
   * {@code {"intervalSeconds", "times": [...], "series": {"posts": [...], "alerts:HIGH": [...], "lag:sink": [...]}}}:
   * rates per second between samples for counters, values for lags; null where a series had no value yet.
   */
  synchronized ObjectNode toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode().put("intervalSeconds", INTERVAL_SECONDS);
    ArrayNode times = root.putArray("times");
    ObjectNode series = root.putObject("series");
    TreeSet<String> names = new TreeSet<>(List.of("posts", "assessments"));
    samples.forEach(s -> {
      names.addAll(s.totals().keySet());
      names.addAll(s.gauges().keySet());
    });
    names.forEach(series::putArray);
    Sample previous = null;
    for (Sample sample : samples) {
      if (previous != null) {
        times.add(sample.epochSecond());
        double seconds = Math.max(1, sample.epochSecond() - previous.epochSecond());
        for (String name : names) {
          ArrayNode values = (ArrayNode) series.get(name);
          Double now = sample.totals().containsKey(name) ? sample.totals().get(name) : sample.gauges().get(name);
          Double before = previous.totals().get(name);
          if (sample.totals().containsKey(name)) {
            // a counter that restarted (a stage closed and opened again) starts from zero
            values.add(before == null ? 0 : Math.max(0, now - before) / seconds);
          } else if (now != null) {
            values.add(now);
          } else {
            values.addNull();
          }
        }
      }
      previous = sample;
    }
    return root;
  }

  private double sum(String name) {
    return registry.find(name).meters().stream().mapToDouble(OverviewSeries::value).filter(v -> !Double.isNaN(v)).sum();
  }

  /** Posts assessed: every scorer sees every post, so the busiest scorer's count. */
  private double assessed() {
    return registry.find(ProvwatchMetrics.SCORER_DURATION).timers().stream().mapToDouble(Timer::count).max().orElse(0);
  }

  private Map<String, Double> sumBy(String name, String tag, String prefix) {
    Map<String, Double> totals = new HashMap<>();
    for (Meter meter : registry.find(name).meters()) {
      totals.merge(prefix + ":" + meter.getId().getTag(tag), value(meter), Double::sum);
    }
    return totals;
  }

  private static double value(Meter meter) {
    if (meter instanceof Counter c) {
      return c.count();
    }
    if (meter instanceof FunctionCounter c) {
      return c.count();
    }
    if (meter instanceof Gauge g) {
      return g.value();
    }
    if (meter instanceof Timer t) {
      return t.count();
    }
    return Double.NaN;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

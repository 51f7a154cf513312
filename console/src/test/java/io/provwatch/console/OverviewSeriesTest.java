package io.provwatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.provwatch.platform.metrics.ProvwatchMetrics;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class OverviewSeriesTest {
  @Test
  void countersBecomeRatesPerSecondAndLagsStayValuesPerStage() {
    MeterRegistry registry = new SimpleMeterRegistry();
    AtomicLong published = new AtomicLong();
    AtomicLong clock = new AtomicLong(1_000);
    AtomicLong scoringLag = new AtomicLong(40);
    FunctionCounter.builder("provwatch.ingest.posts.published", published, AtomicLong::get).register(registry);
    Counter high = Counter.builder(ProvwatchMetrics.ALERTS).tags("severity", "HIGH", "status", "OPENED").register(registry);
    Counter highUpdated = Counter.builder(ProvwatchMetrics.ALERTS).tags("severity", "HIGH", "status", "UPDATED").register(registry);
    Counter ingestDead = Counter.builder(ProvwatchMetrics.DEAD_LETTERS).tags("stage", "ingest", "code", "MALFORMED_JSON").register(registry);
    Gauge.builder(OverviewSeries.CONSUMER_LAG, scoringLag, AtomicLong::get).tags("stage", "scoring", "partition", "0").register(registry);
    Gauge.builder(OverviewSeries.CONSUMER_LAG, () -> 7).tags("stage", "scoring", "partition", "1").register(registry);
    OverviewSeries series = new OverviewSeries(registry, clock::get);

    series.sample();
    published.addAndGet(50);
    high.increment(5);
    highUpdated.increment(5);
    ingestDead.increment(10);
    scoringLag.set(12);
    clock.addAndGet(5);
    series.sample();
    JsonNode json = series.toJson();

    assertThat(json.path("times")).hasSize(1);
    assertThat(json.path("times").get(0).asLong()).isEqualTo(1_005);
    assertThat(json.at("/series/posts/0").asDouble()).isEqualTo(10.0);
    assertThat(json.at("/series/alerts:HIGH/0").asDouble()).as("summed over status").isEqualTo(2.0);
    assertThat(json.at("/series/deadLetters:ingest/0").asDouble()).isEqualTo(2.0);
    assertThat(json.at("/series/lag:scoring/0").asDouble()).as("the largest partition lag").isEqualTo(12.0);
    assertThat(json.at("/series/assessments/0").asDouble()).isEqualTo(0.0);
  }
}

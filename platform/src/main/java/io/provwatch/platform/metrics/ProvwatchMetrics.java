package io.provwatch.platform.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The meters of this process, which {@code GET /metrics} serves in Prometheus text format (with
 * {@code # HELP} and {@code # TYPE}): JVM and process meters, the Kafka client and Kafka Streams
 * metrics through Micrometer's Kafka binders, and provwatch's own, whose names below are stable
 * (docs/operations.md lists them).
 *
 * <p>One registry per JVM, like the JMX registry Kafka reports to: Kafka Streams builds the
 * dead-letter handlers by reflection and the scorers run deep inside a topology, so neither can be
 * handed a registry, and a process has one {@code /metrics}. In the demo every stage shares it,
 * told apart by the {@code stage} label.
 */
public final class ProvwatchMetrics {
  /** {@code provwatch_dead_letters_total{stage,code,topic}}: records a stage sent to its dead-letter topic. */
  public static final String DEAD_LETTERS = "provwatch.dead.letters";
  /** {@code provwatch_alerts_total{severity,status}}: alert changes the sink emitted. */
  public static final String ALERTS = "provwatch.alerts";
  /** {@code provwatch_scorer_duration_seconds{scorer}}: time one scorer took on one post, a histogram. */
  public static final String SCORER_DURATION = "provwatch.scorer.duration";
  /** {@code provwatch_stream_threads_replaced_total{stage}}: stream threads that died of an unexpected error and were replaced. */
  public static final String STREAM_THREADS_REPLACED = "provwatch.stream.threads.replaced";
  /** {@code provwatch_stage_running{stage}}: 1 while a Streams stage is running or rebalancing, else 0. */
  public static final String STAGE_RUNNING = "provwatch.stage.running";

  /**
   * Some Kafka client metrics have no description (the admin client's per-node ones), and Prometheus'
   * writer leaves out the {@code # HELP} line of a meter without one: every family gets one here.
   */
  private static final MeterFilter DESCRIBE_UNDESCRIBED = new MeterFilter() {
    @Override
    public Meter.Id map(Meter.Id id) {
      if (id.getDescription() != null && !id.getDescription().isBlank()) {
        return id;
      }
      return new Meter.Id(id.getName(), Tags.of(id.getTags()), id.getBaseUnit(), id.getName() + " (its source gives no description)", id.getType());
    }
  };

  /**
   * Of Kafka Streams' per-store RocksDB metrics (some 40 per store and task, 60% of a scrape in the demo)
   * only those an operator acts on: keys, disk and block cache.
   */
  static final Set<String> STATE_STORE_METRICS_KEPT = Set.of("kafka.stream.state.estimate.num.keys",
      "kafka.stream.state.total.sst.files.size", "kafka.stream.state.block.cache.usage");
  private static final MeterFilter FEWER_STATE_STORE_METRICS = MeterFilter.deny(id ->
      id.getName().startsWith("kafka.stream.state.") && !STATE_STORE_METRICS_KEPT.contains(id.getName()));

  private static final PrometheusMeterRegistry REGISTRY = newRegistry();

  private ProvwatchMetrics() {}

  /** The process's registry. */
  public static PrometheusMeterRegistry registry() {
    return REGISTRY;
  }

  /** A registry with the JVM and process meters bound; {@link #registry()} is the process's one. */
  static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(FEWER_STATE_STORE_METRICS).meterFilter(DESCRIBE_UNDESCRIBED);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry); // lives as long as the JVM: never closed
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    return registry;
  }

  /** Counts one record that {@code stage} sent to {@code topic} with error code {@code code}. */
  public static void deadLetter(String stage, String code, String topic) {
    Counter.builder(DEAD_LETTERS).description("Records a stage could not process and sent to its dead-letter topic")
        .tags("stage", stage, "code", code, "topic", topic).register(REGISTRY).increment();
  }

  /**
   * Counts one alert change. Under exactly-once a change is counted when the processor emits it, so a
   * transaction that aborts and is retried counts its changes again (rare: the topic stays exact).
   */
  public static void alert(String severity, String status) {
    Counter.builder(ALERTS).description("Alert changes the sink emitted, by severity and status")
        .tags("severity", severity, "status", status).register(REGISTRY).increment();
  }

  /** Histogram buckets of the scorer timings: a rule-based scorer takes microseconds, a model or a lookup milliseconds. */
  private static final Duration[] SCORER_BUCKETS = Stream.of(10_000L, 25_000L, 50_000L, 100_000L, 250_000L, 500_000L, 1_000_000L,
      2_500_000L, 5_000_000L, 10_000_000L, 25_000_000L, 50_000_000L, 100_000_000L, 250_000_000L, 1_000_000_000L)
      .map(Duration::ofNanos).toArray(Duration[]::new);

  /** The count of {@code stage}'s stream threads that failed and were replaced, registered at 0 so that an alert rule sees it. */
  public static Counter streamThreadsReplaced(String stage) {
    return Counter.builder(STREAM_THREADS_REPLACED).description("Stream threads that died of an unexpected error and were replaced")
        .tag("stage", stage).register(REGISTRY);
  }

  /** The timer of one scorer, a histogram (10 µs to 1 s buckets) for Prometheus' histogram_quantile. */
  public static Timer scorerTimer(String scorer) {
    return Timer.builder(SCORER_DURATION).description("Time one scorer took on one post")
        .tag("scorer", scorer).serviceLevelObjectives(SCORER_BUCKETS)
        .register(REGISTRY);
  }

  /** A counter read from {@code source}, e.g. a publisher's count of posts; remove it with {@link #remove}. */
  public static <T> Meter functionCounter(String name, String help, Tags tags, T source, ToDoubleFunction<T> count) {
    return FunctionCounter.builder(name, source, count).description(help).tags(tags).register(REGISTRY);
  }

  /** A gauge read from {@code source}; remove it with {@link #remove}. */
  public static <T> Meter gauge(String name, String help, Tags tags, T source, ToDoubleFunction<T> value) {
    return Gauge.builder(name, source, value).description(help).tags(tags).strongReference(true).register(REGISTRY);
  }

  /** Removes a meter of a component that stopped, so that a later one of the same name and tags reports its own. */
  public static void remove(Meter meter) {
    REGISTRY.remove(meter);
  }

  /** Binds a Streams stage's metrics (lag, process rates, dropped records, custom sensors); close to unbind. */
  public static AutoCloseable bind(KafkaStreams streams, String stage) {
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, Tags.of("stage", stage));
    metrics.bindTo(REGISTRY);
    return metrics;
  }

  /** Binds a producer's metrics; close to unbind. */
  public static AutoCloseable bind(Producer<?, ?> producer, String stage) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(producer, Tags.of("stage", stage));
    metrics.bindTo(REGISTRY);
    return metrics;
  }

  /** Binds a consumer's metrics; close to unbind. */
  public static AutoCloseable bind(Consumer<?, ?> consumer, String stage) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(consumer, Tags.of("stage", stage));
    metrics.bindTo(REGISTRY);
    return metrics;
  }
}

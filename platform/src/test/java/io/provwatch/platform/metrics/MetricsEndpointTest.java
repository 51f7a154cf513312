package io.provwatch.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Gauge;
import io.provwatch.platform.http.HttpServerHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /metrics} read by the Prometheus text-format rules ({@link PrometheusText}). */
class MetricsEndpointTest {
  @TempDir Path stateDir;

  @Test
  void everyFamilyHasHelpAndTypeAndNoSeriesRepeatsWithKafkaStreamsBound() throws Exception {
    ProvwatchMetrics.deadLetter("scoring", "DESERIALIZATION", "assessments.dlq");
    ProvwatchMetrics.deadLetter("scoring", "PROCESSING", "assessments.dlq");
    ProvwatchMetrics.deadLetter("scoring", "PROCESSING", "assessments.dlq");
    ProvwatchMetrics.alert("HIGH", "OPENED");
    ProvwatchMetrics.scorerTimer("metrics-test-scorer").record(Duration.ofMillis(3));
    // like the admin client's per-node metrics: a meter its source gives no description
    Gauge.builder("provwatch.test.undescribed", () -> 1).register(ProvwatchMetrics.registry());
    KafkaStreams streams = unstartedStreams();
    try (AutoCloseable bound = ProvwatchMetrics.bind(streams, "metrics-test");
         HttpServerHost host = HttpServerHost.start("127.0.0.1", 0)) {
      HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(host.url() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(reply.statusCode()).isEqualTo(200);

      PrometheusText.Exposition metrics = PrometheusText.parse(reply.body());

      assertThat(metrics.types()).containsEntry("provwatch_dead_letters_total", "counter")
          .containsEntry("provwatch_alerts_total", "counter")
          .containsEntry("provwatch_scorer_duration_seconds", "histogram")
          .containsEntry("jvm_memory_used_bytes", "gauge")
          .containsKeys("provwatch_test_undescribed", "process_cpu_usage", "process_uptime_seconds", "jvm_gc_memory_allocated_bytes_total", "jvm_threads_live_threads");
      assertThat(metrics.named("provwatch_dead_letters_total")).anySatisfy(s -> {
        assertThat(s.labels()).containsEntry("stage", "scoring").containsEntry("code", "PROCESSING").containsEntry("topic", "assessments.dlq");
        assertThat(s.value()).isGreaterThanOrEqualTo(2);
      });
      assertThat(metrics.named("provwatch_alerts_total")).anySatisfy(s -> assertThat(s.labels()).containsEntry("severity", "HIGH"));
      assertThat(metrics.named("provwatch_scorer_duration_seconds_bucket"))
          .filteredOn(s -> s.labels().get("scorer").equals("metrics-test-scorer")).hasSizeGreaterThan(5)
          .anySatisfy(s -> assertThat(s.labels()).containsEntry("le", "+Inf"));
      // Kafka Streams' own metrics through Micrometer's binder, labelled with the stage
      assertThat(metrics.samples()).filteredOn(s -> s.name().startsWith("kafka_stream_"))
          .isNotEmpty().allSatisfy(s -> assertThat(s.labels()).containsEntry("stage", "metrics-test"));
    } finally {
      streams.close(Duration.ofSeconds(5));
    }
  }

  @Test
  void theReaderRejectsWhatBreaksTheFormat() {
    String help = "# HELP a_total A\n# TYPE a_total counter\n";
    assertThat(PrometheusText.parse(help + "a_total{x=\"1\"} 1.0\na_total{x=\"2\"} 2.0\n").samples()).hasSize(2);
    assertThatThrownBy(() -> PrometheusText.parse("# TYPE a_total counter\na_total 1\n")).hasMessageContaining("no HELP");
    assertThatThrownBy(() -> PrometheusText.parse("# HELP a_total A\na_total 1\n")).hasMessageContaining("no TYPE");
    assertThatThrownBy(() -> PrometheusText.parse(help + "a_total{x=\"1\"} 1\na_total{x=\"1\"} 2\n")).hasMessageContaining("duplicate series");
    assertThatThrownBy(() -> PrometheusText.parse(help + "a_total 1\n# HELP b B\n# TYPE b gauge\nb 1\n# HELP a_total A\n"))
        .hasMessageContaining("two groups");
    assertThatThrownBy(() -> PrometheusText.parse(help + "a_total{x=\"1} 1\n")).hasMessageContaining("unterminated");
    assertThatThrownBy(() -> PrometheusText.parse(help + "a_total one\n")).hasMessageContaining("not a float");
    assertThatThrownBy(() -> PrometheusText.parse("# HELP h H\n# TYPE h histogram\nh_bucket 1\n")).hasMessageContaining("does not fit");
  }

  private KafkaStreams unstartedStreams() throws Exception {
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream("metrics-test-in", Consumed.with(Serdes.String(), Serdes.String())).to("metrics-test-out");
    Properties props = new Properties();
    props.putAll(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "metrics-test", StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
        StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir.resolve("streams")).toString()));
    return new KafkaStreams(builder.build(), props); // never started: its metrics exist from construction, no broker needed
  }
}

package io.provwatch.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provwatch.app.bench.PipelineBenchmark.PhaseResult;
import io.provwatch.app.bench.PipelineBenchmark.Report;

/** The benchmark report as JSON, in a layout meant for diffing runs and plotting. */
public final class BenchReportJson {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BenchReportJson() {}

  public static String of(Report report) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("startedAt", report.startedAt().toString());
    ObjectNode settings = root.putObject("settings");
    settings.put("posts", report.settings().posts());
    settings.put("warmupPosts", report.settings().warmupPosts());
    settings.put("ratePerSecond", report.settings().ratePerSecond() == 0 ? null : report.settings().ratePerSecond());
    settings.put("seed", report.settings().seed());
    settings.put("processingGuarantee", report.processingGuarantee());
    ObjectNode machine = root.putObject("machine");
    machine.put("availableProcessors", report.availableProcessors());
    machine.put("javaVersion", report.javaVersion());
    phase(root.putObject("identity"), report.identity());
    phase(root.putObject("pipeline"), report.pipeline());
    root.put("pipelineToIdentityRatio", report.ratio());
    try {
      return MAPPER.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the benchmark report", e);
    }
  }

  private static void phase(ObjectNode node, PhaseResult phase) {
    node.put("posts", phase.posts());
    node.put("seconds", phase.seconds());
    node.put("postsPerSecond", phase.postsPerSecond());
    node.put("ingestPostsPerSecond", phase.ingestPostsPerSecond());
    node.put("assessments", phase.assessments());
    node.put("alerts", phase.alerts());
    ObjectNode latency = node.putObject("latencyMs");
    latency.put("measuredOn", phase.name().startsWith("pipeline") ? "ingest to alert (the newest post an alert change names)" : "ingest to output");
    latency.put("samples", phase.latencySamples());
    latency.put("p50", phase.latencyP50Ms());
    latency.put("p99", phase.latencyP99Ms());
    latency.put("p99.9", phase.latencyP999Ms());
    latency.put("max", phase.latencyMaxMs());
    if (phase.cost() != null) {
      ObjectNode cost = node.putObject("cost");
      cost.put("recordsWrittenPerPost", phase.cost().recordsPerPost());
      ObjectNode byTopic = cost.putObject("recordsWrittenPerPostByTopic");
      phase.cost().recordsPerPostByTopic().forEach(byTopic::put);
      ObjectNode cpu = cost.putObject("cpuShareByStage");
      phase.cost().cpuShare().forEach(cpu::put);
      cost.put("cpuCoresBusy", phase.cost().cpuCoresBusy());
    }
  }
}

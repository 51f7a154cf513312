package io.provwatch.app.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * What a batch of posts cost: records written to Kafka (every topic, internal repartition and changelog
 * topics included, by end offsets, so transaction markers count too) and CPU time of each stage's threads
 * (stream threads and their clients, found by the stage's application id in the thread name; the rest of
 * the JVM is the embedded broker, the ingest producer and the benchmark itself).
 */
final class PhaseCost {
  /** Thread-name part of each stage, and what to call it. */
  private final Map<String, String> stages;
  private final Map<String, Long> offsetsBefore;
  private final Map<String, Long> cpuBefore;
  private final long wallBefore = System.nanoTime();

  /** Records per post and per topic, and each stage's share of the JVM's CPU time, for one batch. */
  record Result(double recordsPerPost, Map<String, Double> recordsPerPostByTopic, Map<String, Double> cpuShare, double cpuCoresBusy) {}

  private PhaseCost(Map<String, String> stages, Map<String, Long> offsetsBefore, Map<String, Long> cpuBefore) {
    this.stages = stages;
    this.offsetsBefore = offsetsBefore;
    this.cpuBefore = cpuBefore;
  }

  /** Starts counting; {@code stages} maps a thread-name part (an application id) to the stage's name. */
  static PhaseCost start(Admin admin, Map<String, String> stages) throws ExecutionException, InterruptedException {
    return new PhaseCost(new LinkedHashMap<>(stages), endOffsets(admin), cpuByStage(stages));
  }

  Result finish(Admin admin, int posts, Map<String, String> topicPrefixes) throws ExecutionException, InterruptedException {
    long wall = System.nanoTime() - wallBefore;
    Map<String, Long> after = endOffsets(admin);
    long total = 0;
    Map<String, Double> byTopic = new TreeMap<>();
    for (Map.Entry<String, Long> e : after.entrySet()) {
      long written = e.getValue() - offsetsBefore.getOrDefault(e.getKey(), 0L);
      if (written > 0) {
        total += written;
        byTopic.merge(shortName(e.getKey(), topicPrefixes), written / (double) posts, Double::sum);
      }
    }
    Map<String, Long> cpuAfter = cpuByStage(stages);
    long cpuTotal = 0;
    Map<String, Long> used = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : cpuAfter.entrySet()) {
      long delta = Math.max(0, e.getValue() - cpuBefore.getOrDefault(e.getKey(), 0L));
      used.put(e.getKey(), delta);
      cpuTotal += delta;
    }
    Map<String, Double> share = new LinkedHashMap<>();
    for (Map.Entry<String, Long> e : used.entrySet()) {
      share.put(e.getKey(), cpuTotal == 0 ? 0 : e.getValue() / (double) cpuTotal);
    }
    return new Result(total / (double) posts, byTopic, share, cpuTotal / (double) wall);
  }

  /** A topic's name with the run-specific application id replaced by the stage's name. */
  private static String shortName(String topic, Map<String, String> prefixes) {
    for (Map.Entry<String, String> p : prefixes.entrySet()) {
      if (topic.startsWith(p.getKey() + "-")) {
        return p.getValue() + ":" + topic.substring(p.getKey().length() + 1);
      }
    }
    return topic;
  }

  private static Map<String, Long> endOffsets(Admin admin) throws ExecutionException, InterruptedException {
    Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(false)).names().get();
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    admin.describeTopics(topics).allTopicNames().get().forEach((name, description) ->
        description.partitions().forEach(p -> latest.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    Map<String, Long> ends = new HashMap<>();
    admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.merge(tp.topic(), info.offset(), Long::sum));
    return ends;
  }

  private static Map<String, Long> cpuByStage(Map<String, String> stages) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Long> cpu = new LinkedHashMap<>();
    stages.values().forEach(stage -> cpu.put(stage, 0L));
    cpu.put("other", 0L);
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long nanos = threads.getThreadCpuTime(info.getThreadId());
      if (nanos < 0) {
        continue;
      }
      String stage = stages.entrySet().stream().filter(s -> info.getThreadName().contains(s.getKey())).map(Map.Entry::getValue)
          .findFirst().orElse("other");
      cpu.merge(stage, nanos, Long::sum);
    }
    return cpu;
  }

  static String describe(Result result) {
    StringBuilder out = new StringBuilder(String.format(java.util.Locale.ROOT, "%.2f records written to Kafka per post (", result.recordsPerPost()));
    List<Map.Entry<String, Double>> top = result.recordsPerPostByTopic().entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(8).toList();
    for (int i = 0; i < top.size(); i++) {
      out.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%s %.2f", top.get(i).getKey(), top.get(i).getValue()));
    }
    out.append("); CPU");
    result.cpuShare().forEach((stage, share) -> out.append(String.format(java.util.Locale.ROOT, " %s %.0f%%", stage, 100 * share)));
    out.append(String.format(java.util.Locale.ROOT, " of %.2f cores busy", result.cpuCoresBusy()));
    return out.toString();
  }
}

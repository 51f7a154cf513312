package io.provwatch.app.replay;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of a time range [from, to) on a topic, found by record timestamp: per partition, from
 * the first offset at or after {@code from} to the first at or after {@code to} (or the end). Record
 * timestamps on {@code posts} are the times ingest published them, so they grow with the offsets;
 * records in between whose timestamp still falls outside the range are skipped when copied.
 */
public record ReplayRange(String topic, Instant from, Instant to, List<PartitionRange> partitions) {

  /** Offsets [start, end) of one partition. */
  public record PartitionRange(int partition, long start, long end) {
    public long size() {
      return end - start;
    }
  }

  public long size() {
    return partitions.stream().mapToLong(PartitionRange::size).sum();
  }

  public boolean contains(String topicName, int partition, long offset) {
    return topic.equals(topicName) && partitions.stream().anyMatch(p -> p.partition() == partition && offset >= p.start() && offset < p.end());
  }

  static ReplayRange find(Consumer<?, ?> consumer, String topic, Instant from, Instant to) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic);
    if (infos == null || infos.isEmpty()) {
      throw new ReplayException("topic '" + topic + "' does not exist");
    }
    List<TopicPartition> tps = infos.stream().map(p -> new TopicPartition(topic, p.partition()))
        .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
    Map<TopicPartition, Long> atFrom = new HashMap<>();
    Map<TopicPartition, Long> atTo = new HashMap<>();
    tps.forEach(tp -> {
      atFrom.put(tp, from.toEpochMilli());
      atTo.put(tp, to.toEpochMilli());
    });
    Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(atFrom);
    Map<TopicPartition, OffsetAndTimestamp> ends = consumer.offsetsForTimes(atTo);
    Map<TopicPartition, Long> endOffsets = consumer.endOffsets(tps);
    List<PartitionRange> ranges = new ArrayList<>();
    for (TopicPartition tp : tps) {
      OffsetAndTimestamp start = starts.get(tp);
      if (start == null) {
        continue; // nothing at or after 'from' in this partition
      }
      OffsetAndTimestamp end = ends.get(tp);
      long endOffset = end == null ? endOffsets.get(tp) : end.offset();
      if (endOffset > start.offset()) {
        ranges.add(new PartitionRange(tp.partition(), start.offset(), endOffset));
      }
    }
    return new ReplayRange(topic, from, to, List.copyOf(ranges));
  }
}

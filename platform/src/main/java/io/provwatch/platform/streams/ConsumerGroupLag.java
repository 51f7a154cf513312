package io.provwatch.platform.streams;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group (a Streams application id) is behind the end of one input topic: the
 * sum over partitions of end offset minus committed offset, counting a partition without a commit
 * from its start. Streams commits the consumer position, so a caught-up application shows 0 even
 * on a topic written with transactions.
 */
public final class ConsumerGroupLag {
  private static final long TIMEOUT_S = 10;

  private ConsumerGroupLag() {}

  public static long of(Admin admin, String groupId, String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
    admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS).get(topic).partitions()
        .forEach(p -> {
          latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
          earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
        });
    var ends = admin.listOffsets(latest).all().get(TIMEOUT_S, TimeUnit.SECONDS);
    var starts = admin.listOffsets(earliest).all().get(TIMEOUT_S, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
        .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
    long lag = 0;
    for (var end : ends.entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      long from = done == null ? starts.get(end.getKey()).offset() : done.offset();
      lag += Math.max(0, end.getValue().offset() - from);
    }
    return lag;
  }
}

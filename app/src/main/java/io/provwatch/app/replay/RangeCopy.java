package io.provwatch.app.replay;

import io.provwatch.platform.topics.OriginHeader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Copies the records of a range into a replay's one-partition input topic, bytes unchanged (the same
 * schema ids), in (timestamp, partition, offset) order, each with its timestamp and its origin header.
 * That order does not depend on how the live partitions were interleaved, so neither does the replay.
 * The range is held in memory to be sorted: fine for the days to weeks of posts an audit looks at.
 */
final class RangeCopy {
  private static final Duration POLL = Duration.ofMillis(200);

  private RangeCopy() {}

  /** A record of the range as read: raw key and value, with its coordinates. */
  record RawPost(int partition, long offset, long timestamp, byte[] key, byte[] value) {}

  static final Comparator<RawPost> REPLAY_ORDER =
      Comparator.comparingLong(RawPost::timestamp).thenComparingInt(RawPost::partition).thenComparingLong(RawPost::offset);

  /** The range as read: its posts in replay order, and per partition what was read and skipped. */
  record Read(List<RawPost> posts, List<ReplayAccounting.PartitionCount> partitions) {}

  /** Reads the range's records whose timestamp falls in [from, to); {@code read} hears the running count. */
  static Read read(Consumer<byte[], byte[]> consumer, ReplayRange range, LongConsumer read) {
    List<RawPost> posts = new ArrayList<>();
    List<ReplayAccounting.PartitionCount> counts = new ArrayList<>();
    long seen = 0;
    for (ReplayRange.PartitionRange p : range.partitions()) {
      TopicPartition tp = new TopicPartition(range.topic(), p.partition());
      consumer.assign(List.of(tp));
      consumer.seek(tp, p.start());
      long position = p.start();
      long records = 0;
      long outside = 0;
      long withoutValue = 0;
      while (position < p.end()) {
        var polled = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> record : polled) {
          if (record.offset() >= p.end()) {
            break;
          }
          records++;
          long ts = record.timestamp();
          if (ts < range.from().toEpochMilli() || ts >= range.to().toEpochMilli()) {
            outside++;
          } else if (record.value() == null) {
            withoutValue++; // a tombstone: no post to score
          } else {
            posts.add(new RawPost(p.partition(), record.offset(), ts, record.key(), record.value()));
          }
          seen++;
        }
        // transaction markers and aborted records take offsets too: the position is what counts
        position = consumer.position(tp);
        read.accept(seen);
      }
      counts.add(new ReplayAccounting.PartitionCount(p.partition(), p.end() - p.start(), records, outside, withoutValue));
    }
    posts.sort(REPLAY_ORDER);
    return new Read(posts, counts);
  }

  /** Writes {@code posts} in their order to partition 0 of {@code topic}, then flushes; {@code copied} hears the acknowledged count. */
  static void write(Producer<byte[], byte[]> producer, String topic, String originTopic, List<RawPost> posts, LongConsumer copied) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(posts.size());
    for (RawPost post : posts) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(OriginHeader.NAME, OriginHeader.encode(originTopic, post.partition(), post.offset()));
      sent.add(producer.send(new ProducerRecord<>(topic, 0, post.timestamp(), post.key(), post.value(), headers)));
    }
    producer.flush();
    try {
      long acknowledged = 0;
      for (Future<RecordMetadata> f : sent) {
        f.get();
        if (++acknowledged % 10_000 == 0 || acknowledged == sent.size()) {
          copied.accept(acknowledged);
        }
      }
    } catch (ExecutionException e) {
      throw new ReplayException("copying the range into " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException("interrupted while copying the range into " + topic, e);
    }
  }
}

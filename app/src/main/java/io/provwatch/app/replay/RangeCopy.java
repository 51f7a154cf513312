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

  /** Reads the range's records whose timestamp falls in [from, to); {@code read} hears the running count. */
  static List<RawPost> read(Consumer<byte[], byte[]> consumer, ReplayRange range, LongConsumer read) {
    List<RawPost> posts = new ArrayList<>();
    long seen = 0;
    for (ReplayRange.PartitionRange p : range.partitions()) {
      TopicPartition tp = new TopicPartition(range.topic(), p.partition());
      consumer.assign(List.of(tp));
      consumer.seek(tp, p.start());
      long position = p.start();
      while (position < p.end()) {
        var records = consumer.poll(POLL);
        for (ConsumerRecord<byte[], byte[]> record : records) {
          if (record.offset() >= p.end()) {
            break;
          }
          long ts = record.timestamp();
          if (ts >= range.from().toEpochMilli() && ts < range.to().toEpochMilli() && record.value() != null) {
            posts.add(new RawPost(p.partition(), record.offset(), ts, record.key(), record.value()));
          }
          seen++;
        }
        // transaction markers and aborted records take offsets too: the position is what counts
        position = consumer.position(tp);
        read.accept(seen);
      }
    }
    posts.sort(REPLAY_ORDER);
    return posts;
  }

  /** Writes {@code posts} in their order to partition 0 of {@code topic}, then flushes. */
  static void write(Producer<byte[], byte[]> producer, String topic, String originTopic, List<RawPost> posts) {
    List<Future<RecordMetadata>> sent = new ArrayList<>(posts.size());
    for (RawPost post : posts) {
      RecordHeaders headers = new RecordHeaders();
      headers.add(OriginHeader.NAME, OriginHeader.encode(originTopic, post.partition(), post.offset()));
      sent.add(producer.send(new ProducerRecord<>(topic, 0, post.timestamp(), post.key(), post.value(), headers)));
    }
    producer.flush();
    try {
      for (Future<RecordMetadata> f : sent) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new ReplayException("copying the range into " + topic + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayException("interrupted while copying the range into " + topic, e);
    }
  }
}

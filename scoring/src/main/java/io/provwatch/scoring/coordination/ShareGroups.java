package io.provwatch.scoring.coordination;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * The coordination groups: every object key and every account pair belongs to one of a fixed number
 * of groups, and what one post sends to the co-share step (or one share to the pair step) travels as
 * one record per group, keyed {@code group-<n>}, instead of one record per object or pair. A group
 * goes to partition {@code n % partitions}, so a key always meets its state on the same task, with
 * one record per partition when the groups equal the partitions (the default, {@code topics.partitions}).
 */
public final class ShareGroups {
  private static final String PREFIX = "group-";

  private final int groups;

  public ShareGroups(int groups) {
    if (groups < 1) {
      throw new IllegalArgumentException("coordination groups must be at least 1, got " + groups);
    }
    this.groups = groups;
  }

  /** The group of an object key or pair key (murmur2, as Kafka's default partitioner). */
  public int groupOf(String key) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % groups;
  }

  /** The record key of group {@code group}. */
  public static String key(int group) {
    return PREFIX + group;
  }

  /** Routes {@code group-<n>} to partition {@code n % numPartitions}; any other key is a bug upstream. */
  public static <V> StreamPartitioner<String, V> partitioner() {
    return (topic, key, value, numPartitions) -> {
      if (key == null || !key.startsWith(PREFIX)) {
        throw new IllegalArgumentException("coordination record on " + topic + " without a group key: " + key);
      }
      return Optional.of(Set.of(Integer.parseInt(key.substring(PREFIX.length())) % numPartitions));
    };
  }
}

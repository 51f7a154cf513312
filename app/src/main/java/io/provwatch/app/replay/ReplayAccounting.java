package io.provwatch.app.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every post of a replay's range accounted for: read from the live partitions (or skipped, and why),
 * then assessed, dead-lettered, or missing. An audit is complete only when no post is missing.
 *
 * <p>Posts are counted by id: a record that repeats an id already in the range (a client's retry, a
 * connector's replay) is the same post, counted apart as a repeat. A post that was assessed counts as
 * assessed even if a later stage dead-lettered something of it; a dead letter counts for a post when
 * its key is the post's id.
 */
final class ReplayAccounting {
  /** What was read of one live partition: offsets scanned, posts in the time range, records skipped and why. */
  record PartitionCount(int partition, long offsets, long records, long outsideTimeRange, long withoutValue) {}

  private final List<PartitionCount> partitions;
  /** Post id to the partition of its first record, in replay order. */
  private final Map<String, Integer> partitionOf = new LinkedHashMap<>();
  private final long records;
  private final Set<String> assessed = new HashSet<>();
  private final Map<String, String> deadLetterCodes = new HashMap<>();
  private final Map<String, Long> otherDeadLetters = new TreeMap<>();

  ReplayAccounting(List<PartitionCount> partitions, List<RangeCopy.RawPost> posts) {
    this.partitions = List.copyOf(partitions);
    this.records = posts.size();
    for (RangeCopy.RawPost post : posts) {
      partitionOf.putIfAbsent(postId(post), post.partition());
    }
  }

  /** The post id a record carries as its key (ingest keys posts by id). */
  static String postId(RangeCopy.RawPost post) {
    return post.key() == null ? post.partition() + "@" + post.offset() : new String(post.key(), StandardCharsets.UTF_8);
  }

  /** An assessment of {@code postId} came out of the replay. */
  void assessed(String postId) {
    if (partitionOf.containsKey(postId)) {
      assessed.add(postId);
    }
  }

  /** A dead letter keyed {@code key} with {@code errorCode} came out of the replay. */
  void deadLettered(String key, String errorCode) {
    if (key != null && partitionOf.containsKey(key)) {
      deadLetterCodes.putIfAbsent(key, errorCode);
    } else {
      otherDeadLetters.merge(errorCode, 1L, Long::sum);
    }
  }

  long postsInRange() {
    return partitionOf.size();
  }

  long recordsInRange() {
    return records;
  }

  /** Records of the range whose post id an earlier record of the range already had. */
  long repeatedRecords() {
    return records - partitionOf.size();
  }

  long assessedPosts() {
    return assessed.size();
  }

  long deadLetteredPosts() {
    return deadLetterCodes.keySet().stream().filter(id -> !assessed.contains(id)).count();
  }

  /** Posts assessed or dead-lettered so far. */
  long accountedPosts() {
    return assessedPosts() + deadLetteredPosts();
  }

  /** Dead-lettered posts (not assessed) by error code. */
  Map<String, Long> deadLetteredByCode() {
    Map<String, Long> byCode = new TreeMap<>();
    deadLetterCodes.forEach((id, code) -> {
      if (!assessed.contains(id)) {
        byCode.merge(code, 1L, Long::sum);
      }
    });
    return byCode;
  }

  /** Posts of the range that are neither assessed nor dead-lettered, in replay order. */
  List<String> missing() {
    List<String> missing = new ArrayList<>();
    for (String id : partitionOf.keySet()) {
      if (!assessed.contains(id) && !deadLetterCodes.containsKey(id)) {
        missing.add(id);
      }
    }
    return missing;
  }

  boolean complete() {
    return accountedPosts() == postsInRange();
  }

  boolean wasAssessed(String postId) {
    return assessed.contains(postId);
  }

  boolean inRange(String postId) {
    return partitionOf.containsKey(postId);
  }

  Set<String> postIds() {
    return partitionOf.keySet();
  }

  long skippedOutsideTimeRange() {
    return partitions.stream().mapToLong(PartitionCount::outsideTimeRange).sum();
  }

  long skippedWithoutValue() {
    return partitions.stream().mapToLong(PartitionCount::withoutValue).sum();
  }

  /** One line for a person: how many posts are missing, and the first of them. */
  String incompleteSummary(int firstIds) {
    List<String> missing = missing();
    return String.format(Locale.ROOT, "%,d of %,d posts of the range were neither assessed nor dead-lettered (first: %s%s)",
        missing.size(), postsInRange(), String.join(", ", missing.subList(0, Math.min(firstIds, missing.size()))),
        missing.size() > firstIds ? ", ..." : "");
  }

  /** Per partition: posts in range, assessed, dead-lettered and missing, and what was skipped. */
  List<Map<String, Long>> perPartition() {
    Map<Integer, long[]> outcome = new TreeMap<>();
    partitionOf.forEach((id, partition) -> {
      long[] n = outcome.computeIfAbsent(partition, p -> new long[4]);
      n[0]++;
      if (assessed.contains(id)) {
        n[1]++;
      } else if (deadLetterCodes.containsKey(id)) {
        n[2]++;
      } else {
        n[3]++;
      }
    });
    List<Map<String, Long>> rows = new ArrayList<>();
    for (PartitionCount p : partitions) {
      long[] n = outcome.getOrDefault(p.partition(), new long[4]);
      Map<String, Long> row = new LinkedHashMap<>();
      row.put("partition", (long) p.partition());
      row.put("offsets", p.offsets());
      row.put("records", p.records());
      row.put("postsInRange", n[0]);
      row.put("assessed", n[1]);
      row.put("deadLettered", n[2]);
      row.put("missing", n[3]);
      row.put("skippedOutsideTimeRange", p.outsideTimeRange());
      row.put("skippedWithoutValue", p.withoutValue());
      rows.add(row);
    }
    return rows;
  }

  /** The accounting as JSON; at most {@code maxIds} missing ids are listed (all of them go to the missing-ids file). */
  ObjectNode toJson(int maxIds) {
    ObjectNode node = new ObjectMapper().createObjectNode();
    node.put("complete", complete());
    node.put("postsInRange", postsInRange());
    node.put("assessed", assessedPosts());
    node.put("deadLettered", deadLetteredPosts());
    ObjectNode codes = node.putObject("deadLetteredByCode");
    deadLetteredByCode().forEach(codes::put);
    List<String> missing = missing();
    node.put("missing", missing.size());
    node.put("recordsInRange", records);
    node.put("repeatedRecords", repeatedRecords());
    ObjectNode skipped = node.putObject("skipped");
    skipped.put("outsideTimeRange", skippedOutsideTimeRange());
    skipped.put("withoutValue", skippedWithoutValue());
    ObjectNode others = node.putObject("otherDeadLettersByCode");
    otherDeadLetters.forEach(others::put);
    ArrayNode rows = node.putArray("perPartition");
    perPartition().forEach(row -> {
      ObjectNode r = rows.addObject();
      row.forEach(r::put);
    });
    ArrayNode ids = node.putArray("missingPostIds");
    missing.stream().limit(maxIds).forEach(ids::add);
    return node;
  }
}

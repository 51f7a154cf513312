package io.provwatch.app.replay;

import io.provwatch.avro.Alert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the difference against live is computed over: the posts of the range that both the replay and
 * live assessed. An alert takes part only when every post of it in the range was assessed on both
 * sides; the others are listed apart, so that a post one side never assessed does not pass for an
 * alert that appeared or went away.
 *
 * @param live the live alerts that take part, by id
 * @param replay the replay's alerts that take part, by id
 * @param comparedPosts posts of the range assessed on both sides
 * @param replayOnly posts assessed by the replay only, in replay order
 * @param liveOnly posts assessed live only, in replay order
 * @param neither posts neither side assessed, in replay order
 * @param liveAlertsApart ids of live alerts left out of the difference
 * @param replayAlertsApart ids of replay alerts left out of the difference
 */
record DiffScope(Map<String, Alert> live, Map<String, Alert> replay, long comparedPosts, List<String> replayOnly, List<String> liveOnly,
    List<String> neither, List<String> liveAlertsApart, List<String> replayAlertsApart) {

  /**
   * @param liveAssessed ids of the range's posts that live assessed
   * @param live latest live alert per id, for the posts of the range
   * @param replay latest replay alert per id
   */
  static DiffScope of(ReplayAccounting accounting, Set<String> liveAssessed, Map<String, Alert> live, Map<String, Alert> replay) {
    long compared = 0;
    List<String> replayOnly = new ArrayList<>();
    List<String> liveOnly = new ArrayList<>();
    List<String> neither = new ArrayList<>();
    for (String id : accounting.postIds()) {
      boolean byReplay = accounting.wasAssessed(id);
      boolean byLive = liveAssessed.contains(id);
      if (byReplay && byLive) {
        compared++;
      } else if (byReplay) {
        replayOnly.add(id);
      } else if (byLive) {
        liveOnly.add(id);
      } else {
        neither.add(id);
      }
    }
    Map<String, Alert> liveIn = new TreeMap<>();
    Map<String, Alert> replayIn = new TreeMap<>();
    List<String> liveApart = new ArrayList<>();
    List<String> replayApart = new ArrayList<>();
    split(live, accounting, liveAssessed, liveIn, liveApart);
    split(replay, accounting, liveAssessed, replayIn, replayApart);
    return new DiffScope(liveIn, replayIn, compared, replayOnly, liveOnly, neither, liveApart, replayApart);
  }

  private static void split(Map<String, Alert> alerts, ReplayAccounting accounting, Set<String> liveAssessed, Map<String, Alert> in,
      List<String> apart) {
    new TreeMap<>(alerts).forEach((id, alert) -> {
      boolean covered = alert.getPostIds().stream()
          .filter(accounting::inRange)
          .allMatch(post -> accounting.wasAssessed(post) && liveAssessed.contains(post));
      if (covered) {
        in.put(id, alert);
      } else {
        apart.add(id);
      }
    });
  }

  /**
   * Whether a live alert concerns the range: its lineage names an input of the range, or it names a post
   * of the range. A campaign alert's lineage names records of {@code campaigns}, not posts, so only its
   * posts tie it to the range (without them every live campaign alert was left out of the difference
   * and every replayed one reported as new).
   */
  static boolean concerns(Alert alert, ReplayRange range, ReplayAccounting accounting) {
    return alert.getPostIds().stream().anyMatch(accounting::inRange)
        || alert.getLineage().getInputs().stream().anyMatch(in -> range.contains(in.getTopic(), in.getPartition(), in.getOffset()));
  }

  /** True when every post of the range took part: the difference covers the whole range. */
  boolean whole() {
    return replayOnly.isEmpty() && liveOnly.isEmpty() && neither.isEmpty();
  }
}

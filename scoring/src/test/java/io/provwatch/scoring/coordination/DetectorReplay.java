package io.provwatch.scoring.coordination;

import io.provwatch.avro.CoSharer;
import io.provwatch.avro.CoordinationObjectState;
import io.provwatch.avro.CoordinationPairState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The streaming detector without Kafka: shares in arrival order through the same {@link ObjectDetector}
 * and {@link PairCounter} the topology's object and pair steps run, with maps for their stores.
 */
final class DetectorReplay {
  private final ObjectDetector detector;
  private final Map<String, CoordinationObjectState> objects = new HashMap<>();
  private final Map<String, CoordinationPairState> pairs = new HashMap<>();
  private final List<Share> tooLate = new ArrayList<>();

  DetectorReplay(CoordinationSettings settings) {
    this.detector = new ObjectDetector(settings);
  }

  void accept(Share share) {
    SharedObject object = new SharedObject(SharedObject.URL, share.objectKey(), share.objectKey(), null);
    ObjectDetector.Outcome outcome = detector.share(objects.get(share.objectKey()), object, share.account(), share.postId(), share.createdAtMs());
    if (outcome.fact().getTooLate()) {
      tooLate.add(share);
      return;
    }
    objects.put(share.objectKey(), outcome.state());
    for (CoSharer partner : outcome.partners()) {
      String key = PairCounter.pairKey(share.account(), partner.getAccountId());
      pairs.put(key, PairCounter.coShare(pairs.get(key), share.objectKey(), share.createdAtMs()));
    }
  }

  DetectorReplay acceptAll(List<Share> shares) {
    shares.forEach(this::accept);
    return this;
  }

  TreeSet<String> coordinatedPairs(int minRepetition) {
    TreeSet<String> coordinated = new TreeSet<>();
    pairs.forEach((pair, state) -> {
      if (state.getRepetitions() >= minRepetition) {
        coordinated.add(pair);
      }
    });
    return coordinated;
  }

  int pairsSeen() {
    return pairs.size();
  }

  List<Share> tooLate() {
    return tooLate;
  }
}

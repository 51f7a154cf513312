package io.provwatch.scoring.scorers;

import io.provwatch.avro.Media;
import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.Scorer;
import io.provwatch.scoring.SignalResult;
import java.util.List;
import java.util.Map;

/**
 * Media without a SHA-256 digest: provwatch cannot tell whether it is a copy of known media, nor
 * check its Content Credentials against the bytes. The score grows with the share of such media.
 */
public final class MissingMediaDigestScorer implements Scorer {
  public static final String NAME = "missing-media-digest";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SignalResult score(PostContext context) {
    List<Media> media = context.post().getMedia();
    if (media.isEmpty()) {
      return SignalResult.none();
    }
    List<String> undigested = media.stream().filter(m -> m.getSha256() == null).map(Media::getUrl).toList();
    if (undigested.isEmpty()) {
      return SignalResult.none();
    }
    double share = (double) undigested.size() / media.size();
    return SignalResult.of(Math.round((0.5 + 0.5 * share) * 1000) / 1000.0,
        undigested.size() + " of " + media.size() + " media attachment(s) have no digest, so their origin cannot be traced",
        Map.of("mediaWithoutDigest", String.join(" ", undigested)));
  }
}

package io.provwatch.scoring.scorers;

import io.provwatch.avro.CredentialsVerdict;
import io.provwatch.avro.Media;
import io.provwatch.avro.MediaVerdict;
import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.Reshares;
import io.provwatch.scoring.Scorer;
import io.provwatch.scoring.SignalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Provenance gaps in the Content Credentials (C2PA) of a post's media, as the media stage found them
 * (topic {@code media.verdicts}). Each gap has its own reason and evidence key; the score is that of the
 * worst gap: broken credentials (bad signature, or the data hash no longer matches, i.e. edited after
 * signing) {@value #INVALID}, declared AI generation {@value #AI_GENERATED}, a signer that does not chain
 * to a trust anchor {@value #UNTRUSTED_SIGNER}, no credentials on media the post presents as its own
 * (not a repost or quote) {@value #NO_CREDENTIALS}, media that could not be fetched {@value #UNREACHABLE}.
 * Media the stage has not checked yet only shows in the evidence.
 */
public final class ProvenanceCredentialsScorer implements Scorer {
  public static final String NAME = "provenance-credentials";
  static final double INVALID = 1.0;
  static final double AI_GENERATED = 0.8;
  static final double UNTRUSTED_SIGNER = 0.4;
  static final double NO_CREDENTIALS = 0.3;
  static final double UNREACHABLE = 0.2;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SignalResult score(PostContext context) {
    // no media: no gaps, and the result is SignalResult.none()
    boolean presentedAsOriginal = !Reshares.isReshare(context.post()) && context.post().getQuoteOf() == null;
    Gaps gaps = new Gaps();
    for (Media m : context.post().getMedia()) {
      String url = m.getUrl();
      MediaVerdict verdict = context.mediaVerdicts().get(url);
      if (verdict == null) {
        gaps.note("mediaNotYetChecked", url);
        continue;
      }
      switch (verdict.getVerdict()) {
        case UNCHECKED -> gaps.add(UNREACHABLE, "mediaUnreachable", url,
            "media " + url + " could not be checked: " + verdict.getError());
        case NO_CREDENTIALS -> {
          if (presentedAsOriginal) {
            gaps.add(NO_CREDENTIALS, "mediaWithoutCredentials", url,
                "media " + url + " is presented as original but carries no Content Credentials");
          }
        }
        case INVALID -> gaps.add(INVALID, "mediaCredentialsInvalid", url + " " + String.join(",", verdict.getFailureCodes()),
            "media " + url + " has broken Content Credentials: " + whatBroke(verdict.getFailureCodes()));
        case VALID -> gaps.add(UNTRUSTED_SIGNER, "mediaUntrustedSigner", url + " " + signer(verdict),
            "media " + url + " is signed by " + signer(verdict) + ", who is not on the trust list");
        case TRUSTED -> gaps.note("mediaTrustedSigner", url + " " + signer(verdict));
      }
      if (verdict.getAiGenerated()) {
        gaps.add(AI_GENERATED, "mediaAiGenerated", url,
            "media " + url + " declares itself AI-generated (digital source type trainedAlgorithmicMedia)");
      }
    }
    if (gaps.evidence.containsKey("mediaNotYetChecked")) {
      gaps.evidence.put("mediaNotYetCheckedNote", "media not yet checked when the post was scored");
    }
    return new SignalResult(gaps.score, gaps.reasons, gaps.evidence);
  }

  private static String whatBroke(List<String> codes) {
    List<String> parts = new ArrayList<>();
    if (codes.stream().anyMatch(c -> c.startsWith("claimSignature.") || c.equals("signingCredential.invalid"))) {
      parts.add("bad signature");
    }
    if (codes.stream().anyMatch(c -> c.startsWith("assertion.dataHash."))) {
      parts.add("data hash mismatch (edited after signing)");
    }
    if (parts.isEmpty()) {
      parts.add("invalid manifest");
    }
    return String.join(", ", parts) + " [" + String.join(", ", codes) + "]";
  }

  private static String signer(MediaVerdict verdict) {
    return verdict.getSigner() == null ? "an unknown signer" : "'" + verdict.getSigner() + "'";
  }

  /** The gaps found so far: worst score, reasons in media order, evidence as space-separated values per key. */
  private static final class Gaps {
    double score;
    final List<String> reasons = new ArrayList<>();
    final Map<String, String> evidence = new TreeMap<>();

    void add(double gapScore, String key, String value, String reason) {
      score = Math.max(score, gapScore);
      reasons.add(reason);
      note(key, value);
    }

    void note(String key, String value) {
      evidence.merge(key, value, (a, b) -> a + " " + b);
    }
  }
}

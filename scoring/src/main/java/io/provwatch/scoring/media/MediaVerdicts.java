package io.provwatch.scoring.media;

import io.provwatch.avro.CredentialsVerdict;
import io.provwatch.avro.MediaVerdict;
import io.provwatch.c2pa.C2paReport;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** Turns what the media stage learned (bytes and a C2PA report, or a failure) into a {@link MediaVerdict}. */
final class MediaVerdicts {
  private MediaVerdicts() {}

  static MediaVerdict checked(String url, byte[] sha256, String mimeType, long size, C2paReport report, Instant fetchedAt) {
    C2paReport.ManifestSummary active = report.verdict().hasCredentials() ? report.active() : null;
    C2paReport.Signer signer = active == null ? null : active.signer();
    return MediaVerdict.newBuilder()
        .setUrl(url)
        .setSha256(HexFormat.of().formatHex(sha256))
        .setMimeType(mimeType)
        .setSize(size)
        .setVerdict(CredentialsVerdict.valueOf(report.verdict().name()))
        .setFailureCodes(List.copyOf(report.failureCodes()))
        .setSigner(signer == null ? null : signerName(signer))
        .setSignerIssuer(signer == null ? null : signer.issuer())
        .setAiGenerated(active != null && active.aiGenerated())
        .setRemoteManifestUrl(report.remoteManifestUrl())
        .setFetchedAt(fetchedAt)
        .build();
  }

  static MediaVerdict unchecked(String url, String reason, Instant fetchedAt) {
    return MediaVerdict.newBuilder().setUrl(url).setVerdict(CredentialsVerdict.UNCHECKED).setError(reason).setFetchedAt(fetchedAt).build();
  }

  /** The same verdict for another url with the same bytes. */
  static MediaVerdict forUrl(MediaVerdict verdict, String url, Instant fetchedAt) {
    return MediaVerdict.newBuilder(verdict).setUrl(url).setFetchedAt(fetchedAt).build();
  }

  private static String signerName(C2paReport.Signer signer) {
    if (signer.commonName() == null) {
      return signer.organization();
    }
    return signer.organization() == null ? signer.commonName() : signer.commonName() + ", " + signer.organization();
  }
}

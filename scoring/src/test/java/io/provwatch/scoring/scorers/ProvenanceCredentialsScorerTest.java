package io.provwatch.scoring.scorers;

import static io.provwatch.scoring.scorers.ScorersTest.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.CredentialsVerdict;
import io.provwatch.avro.Media;
import io.provwatch.avro.MediaVerdict;
import io.provwatch.avro.Post;
import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.SignalResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProvenanceCredentialsScorerTest {
  private static final String A = "https://media.example/a.jpg";
  private static final String B = "https://media.example/b.jpg";
  private final ProvenanceCredentialsScorer scorer = new ProvenanceCredentialsScorer();

  private static Post.Builder withMedia(String... urls) {
    return post("x:1", "alice").setMedia(java.util.Arrays.stream(urls)
        .map(u -> Media.newBuilder().setUrl(u).setMimeType("image/jpeg").build()).toList());
  }

  private static MediaVerdict.Builder verdict(String url, CredentialsVerdict verdict) {
    return MediaVerdict.newBuilder().setUrl(url).setVerdict(verdict).setSha256("ab12").setSize(100L)
        .setFetchedAt(Instant.parse("2026-11-20T10:00:00Z"));
  }

  private SignalResult score(Post post, MediaVerdict... verdicts) {
    Map<String, MediaVerdict> byUrl = java.util.Arrays.stream(verdicts).collect(java.util.stream.Collectors.toMap(MediaVerdict::getUrl, v -> v));
    return scorer.score(new PostContext(post, Optional.empty(), Optional.empty(), byUrl));
  }

  @Test
  void postsWithoutMediaAndTrustedCredentialsAreNotFlagged() {
    assertThat(score(post("x:1", "alice").build())).isEqualTo(SignalResult.none());
    SignalResult trusted = score(withMedia(A).build(), verdict(A, CredentialsVerdict.TRUSTED).setSigner("Newsroom, Example Press").build());
    assertThat(trusted.score()).isZero();
    assertThat(trusted.reasons()).isEmpty();
    assertThat(trusted.evidence()).containsEntry("mediaTrustedSigner", A + " 'Newsroom, Example Press'");
  }

  @Test
  void missingCredentialsCountOnlyWhenThePostPresentsTheMediaAsItsOwn() {
    MediaVerdict none = verdict(A, CredentialsVerdict.NO_CREDENTIALS).build();
    SignalResult original = score(withMedia(A).build(), none);
    assertThat(original.score()).isEqualTo(ProvenanceCredentialsScorer.NO_CREDENTIALS);
    assertThat(original.reasons()).singleElement().asString().contains("presented as original", "no Content Credentials");
    assertThat(original.evidence()).containsEntry("mediaWithoutCredentials", A);

    assertThat(score(withMedia(A).setRepostOf("x:0").build(), none).score()).isZero();
    assertThat(score(withMedia(A).setQuoteOf("x:0").build(), none).score()).isZero();
  }

  @Test
  void brokenCredentialsNameTheBadSignatureAndTheEditAfterSigning() {
    SignalResult tampered = score(withMedia(A, B).build(),
        verdict(A, CredentialsVerdict.INVALID).setFailureCodes(List.of("assertion.dataHash.mismatch")).build(),
        verdict(B, CredentialsVerdict.INVALID).setFailureCodes(List.of("claimSignature.mismatch")).build());
    assertThat(tampered.score()).isEqualTo(1.0);
    assertThat(tampered.reasons()).hasSize(2);
    assertThat(tampered.reasons().get(0)).contains(A, "data hash mismatch (edited after signing)", "assertion.dataHash.mismatch")
        .doesNotContain("bad signature");
    assertThat(tampered.reasons().get(1)).contains(B, "bad signature", "claimSignature.mismatch").doesNotContain("edited");
    assertThat(tampered.evidence().get("mediaCredentialsInvalid"))
        .isEqualTo(A + " assertion.dataHash.mismatch " + B + " claimSignature.mismatch");
  }

  @Test
  void declaredAiGenerationAndAnUntrustedSignerAreSeparateReasons() {
    SignalResult ai = score(withMedia(A).build(),
        verdict(A, CredentialsVerdict.VALID).setSigner("Image Generator").setAiGenerated(true)
            .setFailureCodes(List.of("signingCredential.untrusted")).build());
    assertThat(ai.score()).isEqualTo(ProvenanceCredentialsScorer.AI_GENERATED);
    assertThat(ai.reasons()).hasSize(2);
    assertThat(ai.reasons()).anySatisfy(r -> assertThat(r).contains("'Image Generator'", "not on the trust list"));
    assertThat(ai.reasons()).anySatisfy(r -> assertThat(r).contains("AI-generated", "trainedAlgorithmicMedia"));
    assertThat(ai.evidence()).containsEntry("mediaAiGenerated", A).containsEntry("mediaUntrustedSigner", A + " 'Image Generator'");

    SignalResult untrusted = score(withMedia(A).build(), verdict(A, CredentialsVerdict.VALID).build());
    assertThat(untrusted.score()).isEqualTo(ProvenanceCredentialsScorer.UNTRUSTED_SIGNER);
    assertThat(untrusted.reasons()).singleElement().asString().contains("an unknown signer");
  }

  @Test
  void unreachableMediaIsAReasonAndUncheckedMediaOnlyEvidence() {
    SignalResult result = score(withMedia(A, B).build(),
        MediaVerdict.newBuilder().setUrl(A).setVerdict(CredentialsVerdict.UNCHECKED).setError("media unreachable: timeout")
            .setFetchedAt(Instant.EPOCH).build());
    assertThat(result.score()).isEqualTo(ProvenanceCredentialsScorer.UNREACHABLE);
    assertThat(result.reasons()).singleElement().asString().contains(A, "media unreachable: timeout");
    assertThat(result.evidence()).containsEntry("mediaUnreachable", A).containsEntry("mediaNotYetChecked", B)
        .containsEntry("mediaNotYetCheckedNote", "media not yet checked when the post was scored");

    SignalResult nothingChecked = score(withMedia(A).build());
    assertThat(nothingChecked.score()).isZero();
    assertThat(nothingChecked.reasons()).isEmpty();
    assertThat(nothingChecked.evidence()).containsEntry("mediaNotYetChecked", A);
  }
}

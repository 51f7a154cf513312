package io.provwatch.c2pa;

import static io.provwatch.c2pa.ValidationCodes.CLAIM_SIGNATURE_INSIDE_VALIDITY;
import static io.provwatch.c2pa.ValidationCodes.CLAIM_SIGNATURE_MISMATCH;
import static io.provwatch.c2pa.ValidationCodes.CLAIM_SIGNATURE_OUTSIDE_VALIDITY;
import static io.provwatch.c2pa.ValidationCodes.CLAIM_SIGNATURE_VALIDATED;
import static io.provwatch.c2pa.ValidationCodes.DATA_HASH_MATCH;
import static io.provwatch.c2pa.ValidationCodes.DATA_HASH_MISMATCH;
import static io.provwatch.c2pa.ValidationCodes.HASHED_URI_MATCH;
import static io.provwatch.c2pa.ValidationCodes.HASHED_URI_MISMATCH;
import static io.provwatch.c2pa.ValidationCodes.INGREDIENT_MANIFEST_MISMATCH;
import static io.provwatch.c2pa.ValidationCodes.INGREDIENT_MANIFEST_VALIDATED;
import static io.provwatch.c2pa.ValidationCodes.INGREDIENT_UNKNOWN_PROVENANCE;
import static io.provwatch.c2pa.ValidationCodes.SIGNING_CREDENTIAL_TRUSTED;
import static io.provwatch.c2pa.ValidationCodes.SIGNING_CREDENTIAL_UNTRUSTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.c2pa.C2paReport.ValidationStatus;
import io.provwatch.c2pa.C2paReport.Verdict;
import io.provwatch.c2pa.TestAssets.IngredientSpec;
import io.provwatch.c2pa.TestAssets.ManifestSpec;
import io.provwatch.c2pa.TestSigner.Alg;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class C2paVerifierTest {
  private static final String LABEL = "urn:c2pa:0b9d1c4e-1f7a-4c55-9a0e-5d2f6c1b7a10:provwatch";
  private static final C2paVerifier UNTRUSTED = new C2paVerifier(TrustSettings.none());
  private static TestSigner es256;
  private static byte[] jpeg;

  @BeforeAll
  static void keys() {
    es256 = TestSigner.create(Alg.ES256);
    jpeg = TestAssets.jpeg(32, 24);
  }

  private static ManifestSpec generated(TestSigner signer) {
    return new ManifestSpec(LABEL, signer).action("c2pa.created", TestAssets.TRAINED_ALGORITHMIC_MEDIA);
  }

  private static String uri(String relative) {
    return "self#jumbf=/c2pa/" + LABEL + "/" + relative;
  }

  private static List<String> codes(List<ValidationStatus> statuses) {
    return statuses.stream().map(ValidationStatus::code).toList();
  }

  @ParameterizedTest
  @EnumSource(Alg.class)
  void aSignedJpegVerifiesWithEverySupportedAlgorithm(Alg alg) {
    byte[] signed = TestAssets.signedJpeg(jpeg, generated(TestSigner.create(alg)), 65_000);

    C2paReport report = UNTRUSTED.verify(signed, "photo.jpg");

    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    assertThat(report.activeManifest()).isEqualTo(LABEL);
    assertThat(report.validationResults().success()).containsExactlyInAnyOrder(
        new ValidationStatus(CLAIM_SIGNATURE_INSIDE_VALIDITY, uri("c2pa.signature"),
            report.validationResults().success().get(0).explanation()),
        new ValidationStatus(CLAIM_SIGNATURE_VALIDATED, uri("c2pa.signature"), "claim signature valid"),
        new ValidationStatus(HASHED_URI_MATCH, uri("c2pa.assertions/c2pa.actions.v2"), "hashed uri matched: self#jumbf=c2pa.assertions/c2pa.actions.v2"),
        new ValidationStatus(HASHED_URI_MATCH, uri("c2pa.assertions/c2pa.hash.data"), "hashed uri matched: self#jumbf=c2pa.assertions/c2pa.hash.data"),
        new ValidationStatus(DATA_HASH_MATCH, uri("c2pa.assertions/c2pa.hash.data"), "data hash valid"));
    assertThat(codes(report.validationResults().failure())).containsExactly(SIGNING_CREDENTIAL_UNTRUSTED);
    C2paReport.ManifestSummary active = report.active();
    assertThat(active.signer().commonName()).isEqualTo("provwatch test signer");
    assertThat(active.signer().organization()).isEqualTo("provwatch tests");
    assertThat(active.signer().algorithm()).isEqualTo(alg == Alg.ED25519 ? "Ed25519" : alg.name().charAt(0) + alg.name().substring(1).toLowerCase());
    assertThat(active.claimGenerator()).isEqualTo("provwatch-tests/1.0");
    assertThat(active.claimVersion()).isEqualTo(2);
    assertThat(active.actions()).extracting(C2paReport.Action::action).containsExactly("c2pa.created");
    assertThat(active.digitalSourceTypes()).containsExactly(TestAssets.TRAINED_ALGORITHMIC_MEDIA);
    assertThat(active.aiGenerated()).isTrue();
  }

  @Test
  void concurrentVerificationsAgreeWithASingleOne() throws Exception {
    byte[] signed = TestAssets.signedJpeg(jpeg, generated(es256), 65_000);
    byte[] edited = signed.clone();
    edited[edited.length - 3] ^= 0x10;
    List<String> validCodes = UNTRUSTED.verify(signed, "a.jpg").validationResults().codes();
    List<String> editedCodes = UNTRUSTED.verify(edited, "b.jpg").validationResults().codes();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<List<String>>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        byte[] asset = i % 2 == 0 ? signed : edited;
        results.add(pool.submit(() -> UNTRUSTED.verify(asset, "c.jpg").validationResults().codes()));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? validCodes : editedCodes);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(validCodes).isNotEqualTo(editedCodes);
  }

  @Test
  void aCapturedPhotoIsNotDeclaredAiGenerated() {
    ManifestSpec spec = new ManifestSpec(LABEL, es256).action("c2pa.created", TestAssets.DIGITAL_CAPTURE).action("c2pa.edited", null);

    C2paReport report = UNTRUSTED.verify(TestAssets.signedJpeg(jpeg, spec, 65_000), "photo.jpg");

    assertThat(report.active().aiGenerated()).isFalse();
    assertThat(report.active().actions()).extracting(C2paReport.Action::action).containsExactly("c2pa.created", "c2pa.edited");
  }

  @Test
  void theCertificateChainMayBeInTheUnprotectedHeader() {
    ManifestSpec spec = generated(es256);
    spec.x5chainUnprotected = true;

    C2paReport report = UNTRUSTED.verify(TestAssets.signedJpeg(jpeg, spec, 65_000), "photo.jpg");

    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    assertThat(report.active().signer().commonName()).isEqualTo("provwatch test signer");
  }

  @Test
  void theSignerIsTrustedWhenItsCertificateIsAConfiguredAnchor() {
    byte[] signed = TestAssets.signedJpeg(jpeg, generated(es256), 65_000);

    C2paReport report = new C2paVerifier(TrustSettings.none().withSignerAnchors(List.of(es256.certificate()))).verify(signed, "photo.jpg");
    C2paReport otherAnchor = new C2paVerifier(TrustSettings.none().withSignerAnchors(List.of(TestSigner.create(Alg.ES256).certificate())))
        .verify(signed, "photo.jpg");

    assertThat(report.verdict()).isEqualTo(Verdict.TRUSTED);
    assertThat(codes(report.validationResults().success())).contains(SIGNING_CREDENTIAL_TRUSTED);
    assertThat(report.validationResults().failure()).isEmpty();
    assertThat(otherAnchor.verdict()).isEqualTo(Verdict.VALID);
    assertThat(codes(otherAnchor.validationResults().failure())).containsExactly(SIGNING_CREDENTIAL_UNTRUSTED);
  }

  @Test
  void aStoreSplitOverManyApp11SegmentsIsReassembled() {
    byte[] signed = TestAssets.signedJpeg(jpeg, generated(es256), 100);
    int segments = 0;
    for (int i = 0; i + 1 < signed.length; i++) {
      if ((signed[i] & 0xff) == 0xff && (signed[i + 1] & 0xff) == 0xeb && signed[i + 4] == 'J' && signed[i + 5] == 'P') {
        segments++;
      }
    }

    C2paReport report = UNTRUSTED.verify(signed, "photo.jpg");

    assertThat(segments).isGreaterThan(5);
    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    assertThat(codes(report.validationResults().success())).contains(CLAIM_SIGNATURE_VALIDATED, DATA_HASH_MATCH);
  }

  @Test
  void aTamperedSignatureIsAClaimSignatureMismatch() {
    byte[] signed = TestAssets.signedJpeg(jpeg, generated(es256), 65_000);
    int segmentEnd = 2 + 2 + (((signed[4] & 0xff) << 8) | (signed[5] & 0xff));
    signed[segmentEnd - 1] ^= 0x01; // the store ends with the COSE signature bytes

    C2paReport report = UNTRUSTED.verify(signed, "photo.jpg");

    assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(codes(report.validationResults().failure())).contains(CLAIM_SIGNATURE_MISMATCH);
    assertThat(codes(report.validationResults().success())).doesNotContain(CLAIM_SIGNATURE_VALIDATED)
        .contains(DATA_HASH_MATCH); // the data hash excludes the store, so it still holds
  }

  @Test
  void pixelsChangedAfterSigningAreADataHashMismatch() {
    byte[] signed = TestAssets.signedJpeg(jpeg, generated(es256), 65_000);
    signed[signed.length - 3] ^= 0x10; // entropy-coded data just before EOI

    C2paReport report = UNTRUSTED.verify(signed, "photo.jpg");

    assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(codes(report.validationResults().failure())).contains(DATA_HASH_MISMATCH);
    assertThat(codes(report.validationResults().success())).contains(CLAIM_SIGNATURE_VALIDATED).doesNotContain(DATA_HASH_MATCH);
  }

  @Test
  void anAssertionChangedAfterSigningIsAHashedUriMismatch() {
    byte[] signed = TestAssets.signedJpeg(jpeg, generated(es256), 65_000);
    int at = TestAssets.indexOf(signed, "c2pa.created".getBytes(StandardCharsets.US_ASCII), 0);
    signed[at + 9] = 'E'; // c2pa.creatEd: same length, so every box still parses

    C2paReport report = UNTRUSTED.verify(signed, "photo.jpg");

    assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(report.validationResults().failure()).extracting(ValidationStatus::code, ValidationStatus::url)
        .contains(org.assertj.core.groups.Tuple.tuple(HASHED_URI_MISMATCH, uri("c2pa.assertions/c2pa.actions.v2")));
    assertThat(codes(report.validationResults().success())).contains(CLAIM_SIGNATURE_VALIDATED, DATA_HASH_MATCH);
  }

  @Test
  void theCertificateMustBeValidAtSigningTime() {
    Instant notBefore = Instant.parse("2020-01-01T00:00:00Z");
    Instant notAfter = Instant.parse("2021-01-01T00:00:00Z");
    byte[] signed = TestAssets.signedJpeg(jpeg, generated(TestSigner.create(Alg.ES256, notBefore, notAfter)), 65_000);

    C2paReport inside = new C2paVerifier(TrustSettings.none().withClock(Clock.fixed(Instant.parse("2020-06-01T00:00:00Z"), ZoneOffset.UTC)))
        .verify(signed, "photo.jpg");
    C2paReport after = new C2paVerifier(TrustSettings.none().withClock(Clock.fixed(Instant.parse("2022-06-01T00:00:00Z"), ZoneOffset.UTC)))
        .verify(signed, "photo.jpg");

    assertThat(codes(inside.validationResults().success())).contains(CLAIM_SIGNATURE_INSIDE_VALIDITY);
    assertThat(inside.verdict()).isEqualTo(Verdict.VALID);
    assertThat(codes(after.validationResults().failure())).contains(CLAIM_SIGNATURE_OUTSIDE_VALIDITY);
    assertThat(after.verdict()).isEqualTo(Verdict.INVALID);
  }

  @Test
  void aPngCarriesItsStoreInACaBXChunk() {
    byte[] png = TestAssets.png(20, 20);
    byte[] signed = TestAssets.signedPng(png, generated(es256));
    byte[] edited = signed.clone();
    edited[edited.length - 20] ^= 0x01; // inside IDAT, before IEND

    C2paReport report = UNTRUSTED.verify(signed, "image.png");
    C2paReport editedReport = UNTRUSTED.verify(edited, "image.png");

    assertThat(report.mediaType()).isEqualTo("image/png");
    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    assertThat(codes(report.validationResults().success())).contains(CLAIM_SIGNATURE_VALIDATED, DATA_HASH_MATCH);
    assertThat(codes(editedReport.validationResults().failure())).contains(DATA_HASH_MISMATCH);
  }

  @Test
  void aSidecarStoreVerifiesOnItsOwnAndBindsToTheAssetItCameWith() {
    byte[] assetHash = TestAssets.sha256(jpeg, 0, jpeg.length);
    byte[] sidecar = TestAssets.store(generated(es256).build(List.of(), assetHash)); // nothing embedded: nothing excluded
    byte[] otherAsset = TestAssets.jpeg(8, 8);

    C2paReport alone = UNTRUSTED.verify(sidecar, "photo.c2pa");
    C2paReport withAsset = UNTRUSTED.verify(jpeg, "photo.jpg", sidecar);
    C2paReport wrongAsset = UNTRUSTED.verify(otherAsset, "other.jpg", sidecar);

    assertThat(alone.verdict()).isEqualTo(Verdict.VALID);
    assertThat(alone.notes()).anySatisfy(n -> assertThat(n).contains("c2pa.hash.data not checked"));
    assertThat(codes(alone.validationResults().success())).contains(CLAIM_SIGNATURE_VALIDATED).doesNotContain(DATA_HASH_MATCH);
    assertThat(withAsset.verdict()).isEqualTo(Verdict.VALID);
    assertThat(codes(withAsset.validationResults().success())).contains(DATA_HASH_MATCH);
    assertThat(codes(wrongAsset.validationResults().failure())).contains(DATA_HASH_MISMATCH);
  }

  @Test
  void ingredientsReportTheirManifestsAndUnknownProvenance() {
    String parentLabel = "urn:c2pa:7a0c6f4e-3b1d-4e2a-8f5c-9d8e7f6a5b4c:provwatch";
    byte[] parent = new ManifestSpec(parentLabel, es256).action("c2pa.created", TestAssets.DIGITAL_CAPTURE)
        .build(List.of(), TestAssets.sha256(new byte[0], 0, 0));
    ManifestSpec active = new ManifestSpec(LABEL, es256).action("c2pa.opened", null);
    active.ingredients.add(new IngredientSpec("parent.jpg", "parentOf", parentLabel, parent));
    active.ingredients.add(new IngredientSpec("sticker.png", "componentOf", null, null));
    byte[] assetHash = TestAssets.sha256(jpeg, 0, jpeg.length);
    byte[] signed = TestAssets.signJpeg(jpeg, length -> TestAssets.store(parent, active.build(List.of(new long[] {2, length}), assetHash)), 65_000);

    C2paReport report = UNTRUSTED.verify(signed, "photo.jpg");

    assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    assertThat(report.ingredientDeltas()).hasSize(2);
    assertThat(report.ingredientDeltas().get(0).ingredientAssertionUri()).isEqualTo(uri("c2pa.assertions/c2pa.ingredient.v2"));
    assertThat(report.ingredientDeltas().get(0).validationDeltas().success())
        .containsExactly(new ValidationStatus(INGREDIENT_MANIFEST_VALIDATED, "self#jumbf=/c2pa/" + parentLabel, "ingredient hash matched"));
    assertThat(codes(report.ingredientDeltas().get(1).validationDeltas().informational())).containsExactly(INGREDIENT_UNKNOWN_PROVENANCE);
    assertThat(report.manifests()).extracting(C2paReport.ManifestSummary::label).containsExactly(LABEL, parentLabel);
    assertThat(report.active().ingredients()).extracting(C2paReport.Ingredient::relationship, C2paReport.Ingredient::manifest)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("parentOf", parentLabel), org.assertj.core.groups.Tuple.tuple("componentOf", null));
    assertThat(report.manifests().get(1).actions()).extracting(C2paReport.Action::action).containsExactly("c2pa.created");
    C2paReport storeAlone = UNTRUSTED.verify(TestAssets.store(parent, active.build(List.of(), assetHash)), "photo.c2pa");
    assertThat(storeAlone.ingredientDeltas()).extracting(d -> codes(d.validationDeltas().success()))
        .containsExactly(List.of(INGREDIENT_MANIFEST_VALIDATED), List.of());
  }

  @Test
  void anIngredientManifestChangedAfterItWasReferencedIsAMismatch() {
    String parentLabel = "urn:c2pa:7a0c6f4e-3b1d-4e2a-8f5c-9d8e7f6a5b4c:provwatch";
    ManifestSpec parentSpec = new ManifestSpec(parentLabel, es256).action("c2pa.created", null);
    byte[] referenced = parentSpec.build(List.of(), new byte[32]);
    parentSpec.title = "swapped.jpg";
    byte[] swapped = parentSpec.build(List.of(), new byte[32]);
    ManifestSpec active = new ManifestSpec(LABEL, es256).action("c2pa.opened", null);
    active.ingredients.add(new IngredientSpec("parent.jpg", "parentOf", parentLabel, referenced));
    byte[] assetHash = TestAssets.sha256(jpeg, 0, jpeg.length);
    byte[] signed = TestAssets.signJpeg(jpeg, length -> TestAssets.store(swapped, active.build(List.of(new long[] {2, length}), assetHash)), 65_000);

    C2paReport report = UNTRUSTED.verify(signed, "photo.jpg");

    assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(codes(report.ingredientDeltas().get(0).validationDeltas().failure())).containsExactly(INGREDIENT_MANIFEST_MISMATCH);
    assertThat(codes(report.validationResults().success())).contains(CLAIM_SIGNATURE_VALIDATED, DATA_HASH_MATCH);
  }

  @Test
  void assetsWithoutAStoreHaveNoCredentials() {
    assertThat(UNTRUSTED.verify(jpeg, "photo.jpg").verdict()).isEqualTo(Verdict.NO_CREDENTIALS);
    assertThat(UNTRUSTED.verify(TestAssets.png(4, 4), "a.png").verdict()).isEqualTo(Verdict.NO_CREDENTIALS);
    assertThat(UNTRUSTED.verify(new byte[0], null).verdict()).isEqualTo(Verdict.NO_CREDENTIALS);
    C2paReport svg = UNTRUSTED.verify("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8), "a.svg");
    assertThat(svg.verdict()).isEqualTo(Verdict.NO_CREDENTIALS);
    assertThat(svg.mediaType()).isEqualTo("image/svg+xml");
  }

  @Test
  void aRemoteManifestReferenceIsReportedNotFetched() {
    String url = "https://manifests.example/urn-uuid-1234";
    C2paReport report = UNTRUSTED.verify(TestAssets.jpegWithXmpProvenance(jpeg, url), "cloud.jpg");

    assertThat(report.verdict()).isEqualTo(Verdict.NO_CREDENTIALS);
    assertThat(report.remoteManifestUrl()).isEqualTo(url);
    assertThat(report.notes()).anySatisfy(n -> assertThat(n).contains("not fetched").contains(url));
  }

  @Test
  void noCorruptionOfTheStoreThrowsAndNoneGoesUnreported() {
    byte[] signed = TestAssets.signedJpeg(jpeg, generated(es256), 65_000);
    int storeEnd = 2 + 2 + (((signed[4] & 0xff) << 8) | (signed[5] & 0xff));
    Random random = new Random(7);
    int invalidOrAbsent = 0;
    for (int at = 4; at < storeEnd; at += 2) {
      byte[] corrupt = signed.clone();
      corrupt[at] ^= (byte) (1 + random.nextInt(255));
      C2paReport report = UNTRUSTED.verify(corrupt, "photo.jpg");
      assertThat(report.verdict()).as("byte %d", at).isNotNull();
      if (report.verdict() == Verdict.INVALID || report.verdict() == Verdict.NO_CREDENTIALS) {
        invalidOrAbsent++;
      }
    }
    for (int length = 0; length < storeEnd + 16; length += 7) {
      byte[] truncated = java.util.Arrays.copyOf(signed, length);
      assertThat(UNTRUSTED.verify(truncated, "photo.jpg").verdict()).isIn(Verdict.INVALID, Verdict.NO_CREDENTIALS);
    }
    // Bytes outside every hash (APP11 packet numbers, the COSE unprotected header) may change harmlessly; the rest may not.
    assertThat(invalidOrAbsent).isGreaterThan((storeEnd - 4) / 2 * 9 / 10);
  }
}

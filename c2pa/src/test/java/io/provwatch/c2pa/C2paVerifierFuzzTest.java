package io.provwatch.c2pa;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.provwatch.c2pa.C2paReport.ValidationStatus;
import io.provwatch.c2pa.TestAssets.ManifestSpec;
import java.util.Arrays;

/**
 * The whole C2PA reader on hostile assets: JPEG APP11 and PNG caBX segments, the JUMBF boxes, the
 * CBOR claim and assertions and the COSE_Sign1 signature. Most inputs are a correctly signed JPEG or
 * PNG (made once, at test time) with a few runs of bytes overwritten and perhaps cut short, so that
 * the fuzzer reaches the deep structures at once; the rest are raw bytes of any claimed type.
 * Property: {@link C2paVerifier#verify} returns a report; an unchecked exception, whether it escapes
 * or is caught by the verifier's last-resort guard ({@code general.error}), is a finding.
 */
class C2paVerifierFuzzTest {
  private static final C2paVerifier VERIFIER = new C2paVerifier(TrustSettings.none());
  private static final String LABEL = "urn:c2pa:0b9d1c4e-1f7a-4c55-9a0e-5d2f6c1b7a10:fuzz";
  private static final byte[] SIGNED_JPEG;
  private static final byte[] SIGNED_PNG;
  private static final String[] TYPES = {"image/jpeg", "image/png", "application/c2pa", "photo.jpg", "x.png", "store.c2pa", ""};

  static {
    TestSigner signer = TestSigner.create(TestSigner.Alg.ES256);
    SIGNED_JPEG = TestAssets.signedJpeg(TestAssets.jpeg(8, 8),
        new ManifestSpec(LABEL, signer).action("c2pa.created", TestAssets.TRAINED_ALGORITHMIC_MEDIA), 65_000);
    SIGNED_PNG = TestAssets.signedPng(TestAssets.png(8, 8),
        new ManifestSpec(LABEL, signer).action("c2pa.created", TestAssets.DIGITAL_CAPTURE));
  }

  @DictionaryEntries({"jumb", "jumd", "c2pa", "c2ma", "c2um", "c2as", "c2cl", "c2cs", "cbor", "json", "caBX", "IEND",
      "c2pa.hash.data", "c2pa.actions.v2", "c2pa.signature", "c2pa.claim.v2", "self#jumbf=", "alg", "x5chain", "pad"})
  @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
  void verify(FuzzedDataProvider data) {
    int mode = data.consumeInt(0, 2);
    byte[] asset;
    String type;
    if (mode == 2) {
      type = data.pickValue(TYPES);
      asset = data.consumeRemainingAsBytes();
    } else {
      type = mode == 0 ? "image/jpeg" : "image/png";
      asset = (mode == 0 ? SIGNED_JPEG : SIGNED_PNG).clone();
      int edits = data.consumeInt(1, 6);
      for (int i = 0; i < edits; i++) {
        int at = data.consumeInt(0, asset.length - 1);
        byte[] run = data.consumeBytes(data.consumeInt(1, 16));
        System.arraycopy(run, 0, asset, at, Math.min(run.length, asset.length - at));
      }
      if (data.consumeBoolean()) {
        asset = Arrays.copyOf(asset, data.consumeInt(0, asset.length));
      }
    }

    C2paReport report = VERIFIER.verify(asset, type);

    if (report == null || report.verdict() == null) {
      throw new AssertionError("no report");
    }
    for (ValidationStatus failure : report.validationResults().failure()) {
      if (ValidationCodes.GENERAL_ERROR.equals(failure.code())) {
        throw new AssertionError("an unchecked exception in verification: " + failure.explanation());
      }
    }
  }
}

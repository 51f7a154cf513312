package io.provwatch.benchmarks;

import io.provwatch.c2pa.C2paReport;
import io.provwatch.c2pa.C2paVerifier;
import io.provwatch.c2pa.TestAssets;
import io.provwatch.c2pa.TestSigner;
import io.provwatch.c2pa.TrustSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Verifying the Content Credentials of a signed JPEG of about 2 MB (a 64x48 photo padded with 2 MiB of random
 * comment segments, then signed): find and reassemble the APP11 store, parse JUMBF and CBOR, check the COSE
 * signature and the certificate, the hashed URIs, and SHA-256 over the whole file for the data hash. One operation is
 * one file.
 */
@State(Scope.Thread)
public class C2paVerifyBenchmark extends PerPostBenchmark {
  private static final int PADDING = 2 * 1024 * 1024;

  @Param({"ES256", "PS256"})
  public String alg;

  private final C2paVerifier verifier = new C2paVerifier(TrustSettings.none());
  private byte[] signedJpeg;

  @Setup
  public void setUp() {
    TestSigner signer = TestSigner.create(TestSigner.Alg.valueOf(alg));
    byte[] photo = TestAssets.padded(TestAssets.jpeg(64, 48), PADDING, 42);
    TestAssets.ManifestSpec spec = new TestAssets.ManifestSpec("urn:c2pa:3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c:jmh", signer)
        .action("c2pa.created", TestAssets.DIGITAL_CAPTURE);
    signedJpeg = TestAssets.signedJpeg(photo, spec, 65_000);
    C2paReport check = verifier.verify(signedJpeg, "bench.jpg");
    if (check.verdict() != C2paReport.Verdict.VALID) {
      throw new IllegalStateException("benchmark asset does not verify: " + check.failureCodes());
    }
  }

  @Benchmark
  public C2paReport verify() {
    return verifier.verify(signedJpeg, "bench.jpg");
  }
}

package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.c2pa.TestAssets;
import io.provwatch.c2pa.TestSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class C2paCommandTest {
  private static final String LABEL = "urn:c2pa:5e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b:provwatch";
  private static TestSigner signer;
  private static byte[] jpeg;
  private static byte[] signed;

  @TempDir Path dir;

  @BeforeAll
  static void sign() {
    signer = TestSigner.create(TestSigner.Alg.ES256);
    jpeg = TestAssets.jpeg(24, 16);
    signed = TestAssets.signedJpeg(jpeg, new TestAssets.ManifestSpec(LABEL, signer)
        .action("c2pa.created", TestAssets.TRAINED_ALGORITHMIC_MEDIA), 65_000);
  }

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path write(String name, byte[] bytes) throws IOException {
    Path file = dir.resolve(name);
    Files.write(file, bytes);
    return file;
  }

  @Test
  void aValidFileExitsZeroWithAReadableReport() throws IOException {
    CliRun run = run("c2pa", "verify", write("photo.jpg", signed).toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("photo.jpg: Content Credentials valid (signer not on the trust list) [image/jpeg]")
        .contains("Active manifest " + LABEL)
        .contains("provwatch test signer, provwatch tests")
        .contains("declared AI-generated")
        .contains("ok   claimSignature.validated")
        .contains("ok   assertion.dataHash.match")
        .contains("FAIL signingCredential.untrusted");
  }

  @Test
  void jsonCarriesTheVerdictStatusCodesAndModeratorFields() throws IOException {
    CliRun run = run("c2pa", "verify", "--json", write("photo.jpg", signed).toString());

    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(run.exitCode()).isZero();
    assertThat(json.path("verdict").asText()).isEqualTo("VALID");
    assertThat(json.path("activeManifest").asText()).isEqualTo(LABEL);
    assertThat(json.path("validationResults").path("success").findValuesAsText("code"))
        .contains("claimSignature.validated", "assertion.dataHash.match");
    assertThat(json.path("manifests").get(0).path("aiGenerated").asBoolean()).isTrue();
  }

  @Test
  void aTrustListMakesTheSignerTrusted() throws Exception {
    String pem = "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(signer.certificate().getEncoded())
        + "\n-----END CERTIFICATE-----\n";
    Path anchors = write("anchors.pem", pem.getBytes(StandardCharsets.US_ASCII));

    CliRun run = run("c2pa", "verify", "--trust", anchors.toString(), write("photo.jpg", signed).toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Content Credentials valid, signer trusted").contains("ok   signingCredential.trusted");
  }

  @Test
  void anEditedFileIsInvalidWithItsOwnExitCode() throws IOException {
    byte[] edited = signed.clone();
    edited[edited.length - 3] ^= 0x10;

    CliRun run = run("c2pa", "verify", write("edited.jpg", edited).toString());

    assertThat(run.exitCode()).isEqualTo(C2paCommand.EXIT_INVALID);
    assertThat(run.out()).contains("Content Credentials INVALID").contains("FAIL assertion.dataHash.mismatch");
  }

  @Test
  void aFileWithoutCredentialsHasItsOwnExitCodeUnlessASidecarIsBesideIt() throws IOException {
    Path plain = write("plain.jpg", jpeg);
    CliRun without = run("c2pa", "verify", plain.toString());
    write("plain.c2pa", TestAssets.store(new TestAssets.ManifestSpec(LABEL, signer).action("c2pa.created", null)
        .build(List.of(), TestAssets.sha256(jpeg, 0, jpeg.length))));
    CliRun withSidecar = run("c2pa", "verify", plain.toString());

    assertThat(without.exitCode()).isEqualTo(C2paCommand.EXIT_NO_CREDENTIALS);
    assertThat(without.out()).contains("plain.jpg: no Content Credentials");
    assertThat(withSidecar.exitCode()).isZero();
    assertThat(withSidecar.out()).contains("ok   assertion.dataHash.match");
  }

  @Test
  void errorsAreOneLine() throws IOException {
    CliRun missing = run("c2pa", "verify", dir.resolve("nope.jpg").toString());
    CliRun badTrust = run("c2pa", "verify", "--trust", write("bad.pem", "not a certificate".getBytes(StandardCharsets.US_ASCII)).toString(),
        write("photo.jpg", signed).toString());

    assertThat(missing.exitCode()).isEqualTo(CliErrors.RUNTIME_ERROR);
    assertThat(missing.err().lines().findFirst().orElseThrow()).isEqualTo("provwatch: error: no such file: " + dir.resolve("nope.jpg"));
    assertThat(badTrust.exitCode()).isEqualTo(2);
    assertThat(badTrust.err().lines().findFirst().orElseThrow()).startsWith("--trust: ").contains("bad.pem");
  }
}

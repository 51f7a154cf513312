package io.provwatch.c2pa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.c2pa.C2paReport.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verifier against the reference implementation's reports for the C2PA test images in
 * {@code ../shared/data/c2pa} (skipped when that folder is absent).
 *
 * <p>How a reference is chosen and compared, per image {@code NAME.jpg}:
 * <ul>
 *   <li><b>Same manifest</b>: when {@code known_good/NAME.json} or {@code manifest_reports_v2/NAME.json} has the
 *   active manifest label the image has, that report was made from this very file. Compared: the active manifest's
 *   {@code success}, {@code informational} and {@code failure} lists as multisets of (list, code, url), and the
 *   {@code ingredientDeltas} as multisets of (ingredient assertion URI, list, code, url). Explanations are free text
 *   and not compared.</li>
 *   <li><b>Same recipe, other build</b>: otherwise the report describes a later build of the same recipe (v2 claims,
 *   other labels and assertion names), so only the set of (list, code) pairs of the active manifest and, per
 *   ingredient in order, of its delta are compared.</li>
 *   <li>{@code signingCredential.*}: the older reports in {@code known_good} were made without a trust list and carry
 *   no trust code; the verifier, with no anchors, reports {@code signingCredential.untrusted}. That code is left out
 *   of the comparison only where the reference has no {@code signingCredential} code at all.</li>
 * </ul>
 * Known difference, asserted so that it stays visible: {@code E-sig-CA.jpg} carries a v1 time-stamp
 * ({@code sigTst}), whose imprint covers the claim; the image's claim was altered to break the signature, so the
 * time-stamp no longer matches either ({@code timeStamp.mismatch} where the v2 report, whose {@code sigTst2}
 * covers only the signature bytes, has {@code timeStamp.validated} and {@code timeStamp.untrusted}).
 */
class RealAssetsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final C2paVerifier VERIFIER = new C2paVerifier(TrustSettings.none());
  private static final List<String> LISTS = List.of("success", "informational", "failure");

  private static Path c2pa;

  @BeforeAll
  static void locate() {
    c2pa = SharedData.find("c2pa").orElse(null);
  }

  private static Path image(String name) {
    assumeTrue(c2pa != null, "../shared/data/c2pa not found next to the project: reference images not available, skipped");
    Path file = c2pa.resolve("images").resolve(name);
    assumeTrue(Files.exists(file), file + " not present: skipped");
    return file;
  }

  private static C2paReport verify(Path file) throws IOException {
    return VERIFIER.verify(Files.readAllBytes(file), file.getFileName().toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"C.jpg", "CA.jpg", "XCA.jpg", "CACA.jpg", "CIE-sig-CA.jpg"})
  void statusCodesEqualTheReferenceReport(String name) throws IOException {
    C2paReport report = verify(image(name));
    Reference reference = reference(name, report.activeManifest());

    assertThat(ours(report, reference)).as("%s against %s", name, reference.source).isEqualTo(theirs(reference));
    assertThat(report.verdict().name()).as("validation_state of %s", reference.source)
        .isEqualToIgnoringCase(reference.report.path("validation_state").asText());
  }

  @Test
  void eSigCaDiffersFromTheV2ReportOnlyInTheClaimBoundTimeStamp() throws IOException {
    C2paReport report = verify(image("E-sig-CA.jpg"));
    Reference reference = reference("E-sig-CA.jpg", report.activeManifest());
    assertThat(reference.sameManifest).isFalse();

    TreeMap<String, List<String>> expected = theirs(reference);
    List<String> active = expected.get("active");
    active.remove("success timeStamp.validated");
    active.remove("informational timeStamp.untrusted");
    active.add("failure timeStamp.mismatch");
    active.sort(null);

    assertThat(ours(report, reference)).isEqualTo(expected);
    assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(report.failureCodes()).contains(ValidationCodes.CLAIM_SIGNATURE_MISMATCH);
  }

  @Test
  void xcaIsADataHashMismatch() throws IOException {
    C2paReport report = verify(image("XCA.jpg"));

    assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(report.failureCodes()).contains(ValidationCodes.DATA_HASH_MISMATCH);
    assertThat(report.validationResults().codes()).contains(ValidationCodes.CLAIM_SIGNATURE_VALIDATED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"no_manifest.jpg", "libpng-test.png", "sample1.svg"})
  void negativesHaveNoCredentials(String name) throws IOException {
    C2paReport report = verify(image(name));

    assertThat(report.verdict()).isEqualTo(Verdict.NO_CREDENTIALS);
    assertThat(report.validationResults().codes()).isEmpty();
  }

  @Test
  void cloudJpgNamesItsRemoteManifestWhichVerifiesAgainstIt() throws IOException {
    Path cloud = image("cloud.jpg");
    Path manifest = image("cloud_manifest.c2pa");
    C2paReport embedded = verify(cloud);
    C2paReport withRemote = VERIFIER.verify(Files.readAllBytes(cloud), "cloud.jpg", Files.readAllBytes(manifest));

    assertThat(embedded.verdict()).isEqualTo(Verdict.NO_CREDENTIALS);
    assertThat(embedded.remoteManifestUrl()).startsWith("https://");
    assertThat(withRemote.verdict()).isEqualTo(Verdict.VALID);
    assertThat(withRemote.validationResults().codes()).contains(ValidationCodes.DATA_HASH_MATCH, ValidationCodes.CLAIM_SIGNATURE_VALIDATED);
  }

  /** The reference report for an image: the one made from this file when there is one. */
  private record Reference(String source, JsonNode report, boolean sameManifest) {}

  private static Reference reference(String imageName, String activeManifest) throws IOException {
    String base = imageName.substring(0, imageName.lastIndexOf('.')) + ".json";
    List<Path> candidates = Stream.of("known_good", "manifest_reports_v2").map(d -> c2pa.resolve(d).resolve(base))
        .filter(Files::exists).toList();
    assumeTrue(!candidates.isEmpty(), "no reference report for " + imageName + ": skipped");
    Reference fallback = null;
    for (Path candidate : candidates) {
      JsonNode json = JSON.readTree(candidate.toFile());
      String source = c2pa.relativize(candidate).toString();
      if (json.path("active_manifest").asText().equals(activeManifest)) {
        return new Reference(source, json, true);
      }
      if (fallback == null) {
        fallback = new Reference(source, json, false);
      }
    }
    return Optional.ofNullable(fallback).orElseThrow();
  }

  /** Comparable keys of the reference: "active" and one entry per ingredient delta. */
  private static TreeMap<String, List<String>> theirs(Reference reference) {
    JsonNode results = reference.report.path("validation_results");
    TreeMap<String, List<String>> keys = new TreeMap<>();
    keys.put("active", new ArrayList<>());
    for (String list : LISTS) {
      for (JsonNode status : results.path("activeManifest").path(list)) {
        keys.get("active").add(key(reference, list, status.path("code").asText(), status.path("url").asText()));
      }
    }
    int i = 0;
    for (JsonNode delta : results.path("ingredientDeltas")) {
      String ingredient = "ingredient " + (reference.sameManifest ? delta.path("ingredientAssertionURI").asText() : i++);
      List<String> set = keys.computeIfAbsent(ingredient, k -> new ArrayList<>());
      for (String list : LISTS) {
        for (JsonNode status : delta.path("validationDeltas").path(list)) {
          set.add(key(reference, list, status.path("code").asText(), status.path("url").asText()));
        }
      }
    }
    return normalised(keys, reference);
  }

  private static TreeMap<String, List<String>> ours(C2paReport report, Reference reference) {
    boolean referenceHasTrust = reference.report.path("validation_results").path("activeManifest").toString().contains("signingCredential.");
    TreeMap<String, List<String>> keys = new TreeMap<>();
    keys.put("active", new ArrayList<>());
    Map<String, List<C2paReport.ValidationStatus>> lists = Map.of(
        "success", report.validationResults().success(),
        "informational", report.validationResults().informational(),
        "failure", report.validationResults().failure());
    for (String list : LISTS) {
      for (C2paReport.ValidationStatus status : lists.get(list)) {
        if (!referenceHasTrust && status.code().startsWith("signingCredential.")) {
          continue;
        }
        keys.get("active").add(key(reference, list, status.code(), status.url()));
      }
    }
    int i = 0;
    for (C2paReport.IngredientDelta delta : report.ingredientDeltas()) {
      String ingredient = "ingredient " + (reference.sameManifest ? delta.ingredientAssertionUri() : i++);
      List<String> set = keys.computeIfAbsent(ingredient, k -> new ArrayList<>());
      C2paReport.ValidationResults d = delta.validationDeltas();
      List<List<C2paReport.ValidationStatus>> byList = List.of(d.success(), d.informational(), d.failure());
      for (int l = 0; l < LISTS.size(); l++) {
        for (C2paReport.ValidationStatus status : byList.get(l)) {
          set.add(key(reference, LISTS.get(l), status.code(), status.url()));
        }
      }
    }
    return normalised(keys, reference);
  }

  /** Sorted multisets for the same manifest; sorted sets of distinct (list, code) pairs for another build. */
  private static TreeMap<String, List<String>> normalised(TreeMap<String, List<String>> keys, Reference reference) {
    TreeMap<String, List<String>> out = new TreeMap<>();
    keys.forEach((k, v) -> out.put(k, new ArrayList<>(reference.sameManifest ? v.stream().sorted().toList() : v.stream().distinct().sorted().toList())));
    return out;
  }

  /** (list, code, url) for the same manifest; (list, code) for another build of the recipe. */
  private static String key(Reference reference, String list, String code, String url) {
    return reference.sameManifest ? list + " " + code + " " + url : list + " " + code;
  }

  /** Finds {@code shared/data/<sub>} beside the project root, walking up from the working directory. */
  static final class SharedData {
    private SharedData() {}

    static Optional<Path> find(String sub) {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        Path candidate = dir.resolve("shared").resolve("data").resolve(sub);
        if (Files.isDirectory(candidate)) {
          return Optional.of(candidate);
        }
      }
      return Optional.empty();
    }
  }
}

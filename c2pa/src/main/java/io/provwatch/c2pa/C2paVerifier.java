package io.provwatch.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import io.provwatch.c2pa.C2paReport.ManifestSummary;
import io.provwatch.c2pa.C2paReport.ValidationResults;
import io.provwatch.c2pa.C2paReport.Verdict;
import io.provwatch.c2pa.Jumbf.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies the Content Credentials (C2PA manifest store) of an asset. A pure function of its inputs and the trust
 * settings: immutable, safe to share between threads, and it never throws on bad input: a malformed structure is
 * a status code in the report.
 *
 * <p>Checked: the claim's COSE_Sign1 signature and its certificate's validity at signing time, trust against the
 * configured anchors, every hashed URI from the claim to its assertions, the {@code c2pa.hash.data} hard binding over
 * the asset, and the ingredients' manifests. Not checked: OCSP/CRL revocation, box and BMFF hard bindings, the
 * certificate profile (key usage, EKU) the specification asks of signers.
 */
public final class C2paVerifier {
  private final TrustSettings trust;
  private final CoseSign1Verifier cose;

  public C2paVerifier(TrustSettings trust) {
    this.trust = trust;
    this.cose = new CoseSign1Verifier(trust);
  }

  public TrustSettings trust() {
    return trust;
  }

  /** Verifies the manifest store embedded in the asset (or the asset itself when it is a {@code .c2pa} store). */
  public C2paReport verify(byte[] asset, String nameOrMediaType) {
    return verify(asset, nameOrMediaType, null);
  }

  /**
   * Verifies an asset against a manifest store that came on its own (a sidecar file, a fetched remote manifest),
   * or, when {@code separateStore} is null, against the store embedded in it.
   */
  public C2paReport verify(byte[] asset, String nameOrMediaType, byte[] separateStore) {
    AssetReader.Found found = AssetReader.read(asset, nameOrMediaType);
    List<String> notes = new ArrayList<>(found.problems());
    byte[] storeBytes = separateStore != null ? separateStore : found.manifestStore();
    if (storeBytes == null) {
      if (found.remoteManifestUrl() != null) {
        notes.add("XMP dcterms:provenance names a remote manifest, not fetched: " + found.remoteManifestUrl());
      } else if (found.xmpProvenance() != null) {
        notes.add("XMP dcterms:provenance references " + found.xmpProvenance() + " but the file holds no manifest store");
      }
      return C2paReport.noCredentials(found.mediaType(), found.remoteManifestUrl(), notes);
    }
    // A .c2pa store checked on its own has no asset to bind to.
    byte[] boundAsset = found.format() == AssetReader.Format.C2PA && separateStore == null ? null : asset;
    try {
      return verifyStore(storeBytes, boundAsset, found, notes);
    } catch (RuntimeException e) {
      // Last line of defence for input no check above foresaw: a report, not a crash.
      StatusLog log = new StatusLog();
      log.failure(ValidationCodes.GENERAL_ERROR, "self#jumbf=/c2pa", "verification failed: " + e);
      return new C2paReport(Verdict.INVALID, found.mediaType(), null, log.results(), List.of(), List.of(),
          found.remoteManifestUrl(), notes);
    }
  }

  private C2paReport verifyStore(byte[] storeBytes, byte[] asset, AssetReader.Found found, List<String> notes) {
    Box store;
    try {
      store = Jumbf.parseStore(storeBytes);
    } catch (Jumbf.MalformedException e) {
      StatusLog log = new StatusLog();
      log.failure(ValidationCodes.CLAIM_MALFORMED, "self#jumbf=/c2pa", "manifest store JUMBF malformed: " + e.getMessage());
      return new C2paReport(Verdict.INVALID, found.mediaType(), null, log.results(), List.of(), List.of(),
          found.remoteManifestUrl(), notes);
    }
    List<Box> manifests = store.children().stream()
        .filter(b -> Jumbf.C2PA_MANIFEST.equals(b.typeName()) || Jumbf.C2PA_UPDATE_MANIFEST.equals(b.typeName()))
        .toList();
    if (manifests.isEmpty()) {
      StatusLog log = new StatusLog();
      log.failure(ValidationCodes.CLAIM_MISSING, "self#jumbf=/" + store.label(), "manifest store holds no manifest");
      return new C2paReport(Verdict.INVALID, found.mediaType(), null, log.results(), List.of(), List.of(),
          found.remoteManifestUrl(), notes);
    }
    Box active = manifests.get(manifests.size() - 1); // the last manifest in the store is the active one
    Map<String, ManifestSummary> summaries = new LinkedHashMap<>();
    if (asset == null) {
      notes.add("a manifest store on its own: c2pa.hash.data not checked (no asset to bind to)");
    }
    ManifestCheck activeCheck = new ManifestCheck(cose, store, active, true, asset);
    activeCheck.run(summaries, new HashSet<>());
    List<ManifestSummary> ordered = new ArrayList<>(summaries.values());
    ordered.sort(Comparator.comparing((ManifestSummary m) -> !m.label().equals(active.label())));
    ValidationResults results = activeCheck.log.results();
    Verdict verdict;
    if (activeCheck.log.invalid() || activeCheck.deltas.stream().anyMatch(d -> !d.validationDeltas().failure().isEmpty())) {
      verdict = Verdict.INVALID;
    } else if (results.hasSuccess(ValidationCodes.SIGNING_CREDENTIAL_TRUSTED)) {
      verdict = Verdict.TRUSTED;
    } else {
      verdict = Verdict.VALID;
    }
    return new C2paReport(verdict, found.mediaType(), active.label(), results, List.copyOf(activeCheck.deltas),
        List.copyOf(ordered), found.remoteManifestUrl(), List.copyOf(notes));
  }

  /** {@code c2pa.ingredient__1} -> {@code c2pa.ingredient}: a repeated label's instance suffix dropped. */
  static String baseLabel(String label) {
    int instance = label.lastIndexOf("__");
    return instance > 0 ? label.substring(0, instance) : label;
  }

  /** v1 claims have a claim_generator string; v2 claims a claim_generator_info map (v1 may add a list of them). */
  static String claimGenerator(JsonNode claim) {
    String generator = Cbor.text(claim, "claim_generator");
    if (generator != null) {
      return generator;
    }
    JsonNode info = claim == null ? null : claim.get("claim_generator_info");
    if (info == null) {
      return null;
    }
    List<String> parts = new ArrayList<>();
    for (JsonNode one : info.isArray() ? info : List.of(info)) {
      String name = Cbor.text(one, "name");
      String version = Cbor.text(one, "version");
      if (name != null) {
        parts.add(version == null ? name : name + "/" + version);
      }
    }
    return parts.isEmpty() ? null : String.join(" ", parts);
  }
}

package io.provwatch.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.c2pa.C2paReport.IngredientDelta;
import io.provwatch.c2pa.C2paReport.ManifestSummary;
import io.provwatch.c2pa.C2paReport.ValidationResults;
import io.provwatch.c2pa.C2paReport.Verdict;
import io.provwatch.c2pa.Jumbf.Box;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AI_SOURCE_TYPE_SUFFIX = "rainedAlgorithmicMedia"; // trained... and compositeWithTrained...

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
    ManifestCheck activeCheck = new ManifestCheck(store, active, true, asset);
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

  /** The checks of one manifest; the active one also binds to the asset and reports its ingredients' deltas. */
  private final class ManifestCheck {
    final Box store;
    final Box manifest;
    final boolean active;
    final byte[] asset; // null: not the active manifest, or no asset to bind
    final String label;
    final StatusLog log = new StatusLog();
    final List<IngredientDelta> deltas = new ArrayList<>();
    final List<C2paReport.Action> actions = new ArrayList<>();
    final List<String> sourceTypes = new ArrayList<>();
    final List<C2paReport.Ingredient> ingredients = new ArrayList<>();
    final List<String> assertionLabels = new ArrayList<>();

    ManifestCheck(Box store, Box manifest, boolean active, byte[] asset) {
      this.store = store;
      this.manifest = manifest;
      this.active = active;
      this.asset = active ? asset : null;
      this.label = manifest.label() == null ? "" : manifest.label();
    }

    String uri(String relative) {
      return Jumbf.absoluteUri(store.label(), label, relative);
    }

    void run(Map<String, ManifestSummary> summaries, Set<String> visiting) {
      visiting.add(label);
      Optional<Box> claimBox = manifest.child("c2pa.claim.v2").or(() -> manifest.child("c2pa.claim"));
      if (claimBox.isEmpty() || claimBox.get().content("cbor").isEmpty()) {
        log.failure(ValidationCodes.CLAIM_MISSING, uri("c2pa.claim"), "manifest has no CBOR claim");
        summaries.put(label, summary(null, 0, null));
        return;
      }
      Box claimCbor = claimBox.get().content("cbor").get();
      byte[] claimBytes = claimCbor.payload();
      int claimVersion = "c2pa.claim.v2".equals(claimBox.get().label()) ? 2 : 1;
      JsonNode claim;
      try {
        claim = Cbor.read(claimBytes);
        if (!claim.isObject()) {
          throw new IOException("claim is a CBOR " + claim.getNodeType() + ", not a map");
        }
      } catch (IOException e) {
        log.failure(ValidationCodes.CLAIM_MALFORMED, uri(claimBox.get().label()), "claim is not readable CBOR: " + e.getMessage());
        summaries.put(label, summary(null, claimVersion, null));
        return;
      }
      String signatureUri = uri("c2pa.signature");
      CoseSign1Verifier.Result signature = null;
      Optional<Box> signatureCbor = manifest.child("c2pa.signature").flatMap(b -> b.content("cbor"));
      if (signatureCbor.isEmpty()) {
        log.failure(ValidationCodes.CLAIM_SIGNATURE_MISSING, signatureUri, "manifest has no c2pa.signature box");
      } else {
        signature = cose.verify(signatureCbor.get().payload(), claimBytes, signatureUri, log);
      }
      String claimAlg = Cbor.text(claim, "alg");
      List<JsonNode> references = new ArrayList<>();
      for (String field : claimVersion == 2 ? List.of("created_assertions", "gathered_assertions") : List.of("assertions")) {
        JsonNode list = claim.get(field);
        if (list != null && list.isArray()) {
          list.forEach(references::add);
        }
      }
      boolean hardBinding = false;
      for (JsonNode reference : references) {
        String url = Cbor.text(reference, "url");
        byte[] expected = Cbor.bytes(reference, "hash");
        String absolute = absolute(url);
        Optional<Box> target = Jumbf.resolve(store, manifest, url);
        if (url == null || expected == null) {
          log.failure(ValidationCodes.CLAIM_MALFORMED, uri(claimBox.get().label()), "assertion reference without url or hash: " + reference);
          continue;
        }
        if (target.isEmpty()) {
          log.failure(ValidationCodes.ASSERTION_MISSING, absolute, "assertion not found: " + url);
          continue;
        }
        Box assertion = target.get();
        String alg = Optional.ofNullable(Cbor.text(reference, "alg")).orElse(claimAlg);
        hashedUri(assertion, alg, expected, absolute, url, ValidationCodes.HASHED_URI_MATCH, ValidationCodes.HASHED_URI_MISMATCH);
        String assertionLabel = assertion.label() == null ? "" : assertion.label();
        assertionLabels.add(assertionLabel);
        String base = baseLabel(assertionLabel);
        if (base.equals("c2pa.hash.data")) {
          hardBinding = true;
          dataHash(assertion, absolute, claimAlg);
        } else if (base.equals("c2pa.hash.boxes") || base.startsWith("c2pa.hash.bmff")) {
          hardBinding = true;
          log.informational(ValidationCodes.HARD_BINDING_NOT_VERIFIED, absolute, base + " is not verified by this verifier");
        } else if (base.equals("c2pa.actions") || base.equals("c2pa.actions.v2")) {
          actions(assertion);
        } else if (base.startsWith("c2pa.ingredient")) {
          ingredient(assertion, absolute, summaries, visiting);
        }
      }
      if (!hardBinding) {
        log.failure(ValidationCodes.CLAIM_HARD_BINDINGS_MISSING, uri(claimBox.get().label()), "claim references no hard binding assertion");
      }
      summaries.put(label, summary(claim, claimVersion, signature));
    }

    private String absolute(String url) {
      if (url == null) {
        return uri("");
      }
      String path = url.startsWith("self#jumbf=") ? url.substring("self#jumbf=".length()) : url;
      return path.startsWith("/") ? "self#jumbf=" + path : uri(path);
    }

    private boolean hashedUri(Box target, String alg, byte[] expected, String reportUri, String url, String matchCode, String mismatchCode) {
      try {
        byte[] actual = CoseSign1Verifier.digest(alg, target.data(), target.payloadStart(), target.payloadLength());
        if (MessageDigest.isEqual(actual, expected)) {
          log.success(matchCode, reportUri, "hashed uri matched: " + url);
          return true;
        }
        log.failure(mismatchCode, reportUri, "hash does not match: " + url);
      } catch (GeneralSecurityException e) {
        log.failure(ValidationCodes.ALGORITHM_UNSUPPORTED, reportUri, e.getMessage());
      }
      return false;
    }

    /** c2pa.hash.data: the hash of the asset's bytes outside the exclusion ranges (which hold the manifest). */
    private void dataHash(Box assertion, String uri, String claimAlg) {
      if (asset == null) {
        return; // an ingredient's data hash binds to an asset we do not have
      }
      JsonNode hashData = content(assertion);
      byte[] expected = Cbor.bytes(hashData, "hash");
      if (expected == null) {
        log.failure(ValidationCodes.DATA_HASH_MALFORMED, uri, "c2pa.hash.data has no hash");
        return;
      }
      String alg = Optional.ofNullable(Cbor.text(hashData, "alg")).orElse(claimAlg);
      List<long[]> exclusions = new ArrayList<>();
      JsonNode list = hashData.get("exclusions");
      if (list != null && list.isArray()) {
        for (JsonNode exclusion : list) {
          JsonNode start = exclusion.get("start");
          JsonNode length = exclusion.get("length");
          if (start == null || length == null || !start.canConvertToLong() || !length.canConvertToLong()
              || start.longValue() < 0 || length.longValue() < 0 || start.longValue() + length.longValue() > asset.length) {
            log.failure(ValidationCodes.DATA_HASH_MALFORMED, uri, "exclusion " + exclusion + " outside the asset's " + asset.length + " bytes");
            return;
          }
          exclusions.add(new long[] {start.longValue(), length.longValue()});
        }
      }
      exclusions.sort(Comparator.comparingLong(e -> e[0]));
      try {
        MessageDigest md = MessageDigest.getInstance(CoseSign1Verifier.jcaDigest(alg));
        long pos = 0;
        for (long[] exclusion : exclusions) {
          if (exclusion[0] < pos) {
            log.failure(ValidationCodes.DATA_HASH_MALFORMED, uri, "exclusion ranges overlap at offset " + exclusion[0]);
            return;
          }
          md.update(asset, (int) pos, (int) (exclusion[0] - pos));
          pos = exclusion[0] + exclusion[1];
        }
        md.update(asset, (int) pos, (int) (asset.length - pos));
        if (MessageDigest.isEqual(md.digest(), expected)) {
          log.success(ValidationCodes.DATA_HASH_MATCH, uri, "data hash valid");
        } else {
          log.failure(ValidationCodes.DATA_HASH_MISMATCH, uri, "asset bytes do not match the signed data hash: edited after signing");
        }
      } catch (GeneralSecurityException e) {
        log.failure(ValidationCodes.ALGORITHM_UNSUPPORTED, uri, e.getMessage());
      }
    }

    private void actions(Box assertion) {
      JsonNode list = content(assertion).get("actions");
      if (list == null || !list.isArray()) {
        return;
      }
      for (JsonNode action : list) {
        JsonNode agent = action.get("softwareAgent");
        String agentName = agent == null ? null : agent.isTextual() ? agent.asText() : Cbor.text(agent, "name");
        String sourceType = Cbor.text(action, "digitalSourceType");
        actions.add(new C2paReport.Action(Cbor.text(action, "action"), sourceType, agentName, Cbor.text(action, "when")));
        if (sourceType != null && !sourceTypes.contains(sourceType)) {
          sourceTypes.add(sourceType);
        }
      }
    }

    /**
     * An ingredient: without a manifest its provenance is unknown; with one, the hashed URI to that manifest must
     * match (ingredient.manifest.validated / mismatch), and the manifest itself is checked for its own summary.
     */
    private void ingredient(Box assertion, String assertionUri, Map<String, ManifestSummary> summaries, Set<String> visiting) {
      JsonNode ingredient = content(assertion);
      String title = Cbor.text(ingredient, "dc:title");
      JsonNode manifestRef = ingredient.has("activeManifest") ? ingredient.get("activeManifest") : ingredient.get("c2pa_manifest");
      StatusLog delta = new StatusLog();
      String ingredientManifest = null;
      if (manifestRef == null || Cbor.text(manifestRef, "url") == null) {
        delta.informational(ValidationCodes.INGREDIENT_UNKNOWN_PROVENANCE, assertionUri,
            (title == null ? "ingredient" : title) + ": ingredient does not have provenance");
      } else {
        String url = Cbor.text(manifestRef, "url");
        String manifestUri = absolute(url);
        Optional<Box> target = Jumbf.resolve(store, manifest, url);
        byte[] expected = Cbor.bytes(manifestRef, "hash");
        if (target.isEmpty() || expected == null) {
          delta.failure(ValidationCodes.INGREDIENT_MANIFEST_MISSING, manifestUri, "ingredient manifest not in the store: " + url);
        } else {
          ingredientManifest = target.get().label();
          String alg = Optional.ofNullable(Cbor.text(manifestRef, "alg")).orElse(null);
          try {
            byte[] actual = CoseSign1Verifier.digest(alg, target.get().data(), target.get().payloadStart(), target.get().payloadLength());
            if (MessageDigest.isEqual(actual, expected)) {
              delta.success(ValidationCodes.INGREDIENT_MANIFEST_VALIDATED, manifestUri, "ingredient hash matched");
            } else {
              delta.failure(ValidationCodes.INGREDIENT_MANIFEST_MISMATCH, manifestUri, "ingredient manifest hash does not match");
            }
          } catch (GeneralSecurityException e) {
            delta.failure(ValidationCodes.ALGORITHM_UNSUPPORTED, manifestUri, e.getMessage());
          }
          claimSignatureReference(ingredient.get("claimSignature"), delta);
          if (!visiting.contains(ingredientManifest) && !summaries.containsKey(ingredientManifest)) {
            new ManifestCheck(store, target.get(), false, null).run(summaries, visiting);
          }
        }
      }
      if (active) {
        deltas.add(new IngredientDelta(assertionUri, delta.results()));
      }
      ingredients.add(new C2paReport.Ingredient(assertion.label(), title, Cbor.text(ingredient, "dc:format"),
          Cbor.text(ingredient, "relationship"), ingredientManifest));
    }

    /** v3 ingredients also hash the ingredient's claim signature; only a mismatch is reported, as the reference does. */
    private void claimSignatureReference(JsonNode ref, StatusLog delta) {
      String url = Cbor.text(ref, "url");
      byte[] expected = Cbor.bytes(ref, "hash");
      if (url == null || expected == null) {
        return;
      }
      Optional<Box> target = Jumbf.resolve(store, manifest, url);
      try {
        if (target.isEmpty() || !MessageDigest.isEqual(expected, CoseSign1Verifier.digest(Cbor.text(ref, "alg"),
            target.get().data(), target.get().payloadStart(), target.get().payloadLength()))) {
          delta.failure(ValidationCodes.INGREDIENT_CLAIM_SIGNATURE_MISMATCH, absolute(url), "ingredient claim signature hash does not match");
        }
      } catch (GeneralSecurityException e) {
        delta.failure(ValidationCodes.ALGORITHM_UNSUPPORTED, absolute(url), e.getMessage());
      }
    }

    /** An assertion's content: its CBOR or JSON box; an empty object when it has neither or is unreadable. */
    private JsonNode content(Box assertion) {
      try {
        Optional<Box> cbor = assertion.content("cbor");
        if (cbor.isPresent()) {
          return Cbor.read(cbor.get().data(), cbor.get().payloadStart(), cbor.get().payloadLength());
        }
        Optional<Box> json = assertion.content("json");
        if (json.isPresent()) {
          return JSON.readTree(json.get().data(), json.get().payloadStart(), json.get().payloadLength());
        }
      } catch (IOException e) {
        log.failure(ValidationCodes.CLAIM_MALFORMED, uri("c2pa.assertions/" + assertion.label()), "assertion content unreadable: " + e.getMessage());
      }
      return JSON.createObjectNode();
    }

    private ManifestSummary summary(JsonNode claim, int claimVersion, CoseSign1Verifier.Result signature) {
      boolean ai = sourceTypes.stream().anyMatch(t -> t.endsWith(AI_SOURCE_TYPE_SUFFIX));
      return new ManifestSummary(label, claimVersion, Cbor.text(claim, "dc:title"), Cbor.text(claim, "dc:format"),
          Cbor.text(claim, "instanceID"), claimGenerator(claim), signature == null ? null : signature.signer(),
          List.copyOf(actions), List.copyOf(sourceTypes), ai, List.copyOf(ingredients), List.copyOf(assertionLabels),
          log.results());
    }
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

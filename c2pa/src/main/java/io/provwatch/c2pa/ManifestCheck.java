package io.provwatch.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.c2pa.C2paReport.IngredientDelta;
import io.provwatch.c2pa.C2paReport.ManifestSummary;
import io.provwatch.c2pa.Jumbf.Box;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The checks of one manifest; the active one also binds to the asset and reports its ingredients' deltas. */
final class ManifestCheck {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AI_SOURCE_TYPE_SUFFIX = "rainedAlgorithmicMedia"; // trained... and compositeWithTrained...

  final CoseSign1Verifier cose;
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

  ManifestCheck(CoseSign1Verifier cose, Box store, Box manifest, boolean active, byte[] asset) {
    this.cose = cose;
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
      String base = C2paVerifier.baseLabel(assertionLabel);
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
          new ManifestCheck(cose, store, target.get(), false, null).run(summaries, visiting);
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
        Cbor.text(claim, "instanceID"), C2paVerifier.claimGenerator(claim), signature == null ? null : signature.signer(),
        List.copyOf(actions), List.copyOf(sourceTypes), ai, List.copyOf(ingredients), List.copyOf(assertionLabels),
        log.results());
  }
}

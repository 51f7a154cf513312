package io.provwatch.c2pa;

/**
 * Validation status codes, spelled as the C2PA specification (section "Validation", status codes) spells them.
 * Codes the verifier adds of its own start with {@code provwatch.} so that they are never mistaken for spec codes.
 */
public final class ValidationCodes {
  private ValidationCodes() {}

  // success
  public static final String CLAIM_SIGNATURE_VALIDATED = "claimSignature.validated";
  public static final String CLAIM_SIGNATURE_INSIDE_VALIDITY = "claimSignature.insideValidity";
  public static final String SIGNING_CREDENTIAL_TRUSTED = "signingCredential.trusted";
  public static final String TIMESTAMP_VALIDATED = "timeStamp.validated";
  public static final String TIMESTAMP_TRUSTED = "timeStamp.trusted";
  public static final String HASHED_URI_MATCH = "assertion.hashedURI.match";
  public static final String DATA_HASH_MATCH = "assertion.dataHash.match";
  public static final String INGREDIENT_MANIFEST_VALIDATED = "ingredient.manifest.validated";

  // informational
  public static final String TIMESTAMP_UNTRUSTED = "timeStamp.untrusted";
  public static final String INGREDIENT_UNKNOWN_PROVENANCE = "ingredient.unknownProvenance";
  /** A hard binding this verifier does not check (box hash, BMFF hash): not a spec code. */
  public static final String HARD_BINDING_NOT_VERIFIED = "provwatch.hardBinding.notVerified";

  // failure
  public static final String CLAIM_MISSING = "claim.missing";
  public static final String CLAIM_MALFORMED = "claim.malformed";
  public static final String CLAIM_HARD_BINDINGS_MISSING = "claim.hardBindings.missing";
  public static final String CLAIM_SIGNATURE_MISSING = "claimSignature.missing";
  public static final String CLAIM_SIGNATURE_MISMATCH = "claimSignature.mismatch";
  public static final String CLAIM_SIGNATURE_OUTSIDE_VALIDITY = "claimSignature.outsideValidity";
  public static final String SIGNING_CREDENTIAL_UNTRUSTED = "signingCredential.untrusted";
  public static final String SIGNING_CREDENTIAL_INVALID = "signingCredential.invalid";
  public static final String TIMESTAMP_MISMATCH = "timeStamp.mismatch";
  public static final String TIMESTAMP_MALFORMED = "timeStamp.malformed";
  public static final String ASSERTION_MISSING = "assertion.missing";
  public static final String HASHED_URI_MISMATCH = "assertion.hashedURI.mismatch";
  public static final String DATA_HASH_MISMATCH = "assertion.dataHash.mismatch";
  public static final String DATA_HASH_MALFORMED = "assertion.dataHash.malformed";
  public static final String ALGORITHM_UNSUPPORTED = "algorithm.unsupported";
  public static final String INGREDIENT_MANIFEST_MISSING = "ingredient.manifest.missing";
  public static final String INGREDIENT_MANIFEST_MISMATCH = "ingredient.manifest.mismatch";
  public static final String INGREDIENT_CLAIM_SIGNATURE_MISMATCH = "ingredient.claimSignature.mismatch";
  public static final String GENERAL_ERROR = "general.error";

  /** Failure codes that do not make a manifest invalid: an untrusted signer is still a valid signature. */
  static boolean invalidates(String failureCode) {
    return !SIGNING_CREDENTIAL_UNTRUSTED.equals(failureCode);
  }
}

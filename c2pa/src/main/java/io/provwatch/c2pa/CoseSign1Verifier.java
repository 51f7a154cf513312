package io.provwatch.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Verifies a C2PA claim signature: a COSE_Sign1 (RFC 9052) with a detached payload, the claim's CBOR bytes. The
 * algorithm comes from the protected header (label 1), the certificate chain from {@code x5chain} (label 33, in the
 * protected or, as older signers wrote it, the unprotected header). The signing time is the RFC 3161 time-stamp's
 * when one validates, else the verification time; the signer certificate must be valid at that time.
 */
final class CoseSign1Verifier {
  private static final int HEADER_ALG = 1;
  private static final int HEADER_X5CHAIN = 33;

  /** COSE algorithm ids (IANA COSE Algorithms registry) this verifier supports. */
  enum Algorithm {
    ES256(-7, "SHA256withECDSA", 32), ES384(-35, "SHA384withECDSA", 48), ES512(-36, "SHA512withECDSA", 66),
    PS256(-37, "SHA-256", 32), PS384(-38, "SHA-384", 48), PS512(-39, "SHA-512", 64),
    ED25519(-8, "EdDSA", 0);

    final int coseId;
    final String jca;
    final int size; // EC: bytes per coordinate; PSS: salt length (= hash length)

    Algorithm(int coseId, String jca, int size) {
      this.coseId = coseId;
      this.jca = jca;
      this.size = size;
    }

    static Algorithm of(int coseId) {
      for (Algorithm a : values()) {
        if (a.coseId == coseId) {
          return a;
        }
      }
      return null;
    }

    String displayName() {
      return this == ED25519 ? "Ed25519" : name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What the signature check found: statuses are added to the caller's log. */
  record Result(boolean signatureValid, List<X509Certificate> chain, C2paReport.Signer signer, Instant signingTime) {}

  private final TrustSettings trust;

  CoseSign1Verifier(TrustSettings trust) {
    this.trust = trust;
  }

  Result verify(byte[] cose, byte[] claimBytes, String signatureUri, StatusLog log) {
    JsonNode sign1;
    try {
      sign1 = Cbor.read(cose);
    } catch (IOException e) {
      log.failure(ValidationCodes.CLAIM_SIGNATURE_MISMATCH, signatureUri, "COSE_Sign1 is not CBOR: " + e.getMessage());
      return failed();
    }
    if (!sign1.isArray() || sign1.size() != 4 || !sign1.get(0).isBinary() || !sign1.get(1).isObject() || !sign1.get(3).isBinary()) {
      log.failure(ValidationCodes.CLAIM_SIGNATURE_MISMATCH, signatureUri,
          "COSE_Sign1 is not [protected bstr, unprotected map, payload, signature bstr]");
      return failed();
    }
    byte[] protectedBytes = binary(sign1.get(0));
    JsonNode unprotected = sign1.get(1);
    byte[] signature = binary(sign1.get(3));
    JsonNode protectedHeader;
    try {
      protectedHeader = protectedBytes.length == 0 ? Cbor.read(new byte[] {(byte) 0xa0}) : Cbor.read(protectedBytes);
    } catch (IOException e) {
      log.failure(ValidationCodes.CLAIM_SIGNATURE_MISMATCH, signatureUri, "protected header is not CBOR: " + e.getMessage());
      return failed();
    }
    JsonNode algNode = protectedHeader.get(String.valueOf(HEADER_ALG));
    Algorithm alg = algNode != null && algNode.canConvertToInt() ? Algorithm.of(algNode.intValue()) : null;
    if (alg == null) {
      log.failure(ValidationCodes.ALGORITHM_UNSUPPORTED, signatureUri, "COSE algorithm " + algNode + " is not supported");
      return failed();
    }
    List<X509Certificate> chain;
    try {
      chain = x5chain(protectedHeader, unprotected);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      log.failure(ValidationCodes.SIGNING_CREDENTIAL_INVALID, signatureUri, "x5chain certificate unreadable: " + e.getMessage());
      return failed();
    }
    if (chain.isEmpty()) {
      log.failure(ValidationCodes.SIGNING_CREDENTIAL_INVALID, signatureUri, "no x5chain certificate in the COSE headers");
      return failed();
    }
    X509Certificate signerCert = chain.get(0);

    TimeStamps.Checked stamp = TimeStamps.check(protectedHeader, unprotected, protectedBytes, claimBytes, signature, trust, signatureUri, log);
    Instant signingTime = stamp == null ? trust.clock().instant() : stamp.genTime();

    boolean valid;
    try {
      valid = verifySignature(alg, signerCert, sigStructure(protectedBytes, claimBytes), signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      log.failure(ValidationCodes.CLAIM_SIGNATURE_MISMATCH, signatureUri, "signature check failed: " + e.getMessage());
      valid = false;
    }
    C2paReport.Signer signer = signer(signerCert, alg, stamp);
    if (!valid) {
      if (!log.hasFailure(ValidationCodes.CLAIM_SIGNATURE_MISMATCH)) {
        log.failure(ValidationCodes.CLAIM_SIGNATURE_MISMATCH, signatureUri, "claim signature does not match");
      }
      trust(chain, signingTime, signatureUri, log);
      return new Result(false, chain, signer, signingTime);
    }
    try {
      signerCert.checkValidity(Date.from(signingTime));
      log.success(ValidationCodes.CLAIM_SIGNATURE_INSIDE_VALIDITY, signatureUri,
          "signing certificate valid at " + signingTime + (stamp == null ? " (verification time: no time-stamp)" : " (time-stamp)"));
    } catch (GeneralSecurityException e) {
      log.failure(ValidationCodes.CLAIM_SIGNATURE_OUTSIDE_VALIDITY, signatureUri,
          "signing certificate not valid at " + signingTime + ": valid " + signerCert.getNotBefore().toInstant() + " to "
              + signerCert.getNotAfter().toInstant());
    }
    log.success(ValidationCodes.CLAIM_SIGNATURE_VALIDATED, signatureUri, "claim signature valid");
    trust(chain, signingTime, signatureUri, log);
    return new Result(true, chain, signer, signingTime);
  }

  private static Result failed() {
    return new Result(false, List.of(), null, null);
  }

  /** Sig_structure for COSE_Sign1: ["Signature1", body_protected, external_aad (empty), payload]. */
  static byte[] sigStructure(byte[] protectedBytes, byte[] payload) {
    return Cbor.encode(List.of("Signature1", protectedBytes, new byte[0], payload));
  }

  static boolean verifySignature(Algorithm alg, X509Certificate cert, byte[] toBeSigned, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier;
    byte[] sig = signature;
    switch (alg) {
      case ES256, ES384, ES512 -> {
        verifier = Signature.getInstance(alg.jca);
        if (sig.length != 2 * alg.size) {
          throw new IllegalArgumentException(alg + " signature has " + sig.length + " bytes, expected " + 2 * alg.size);
        }
        sig = rawToDer(sig); // COSE carries r || s; JCA wants the DER SEQUENCE
      }
      case PS256, PS384, PS512 -> {
        verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(new PSSParameterSpec(alg.jca, "MGF1", new MGF1ParameterSpec(alg.jca), alg.size, 1));
      }
      case ED25519 -> verifier = Signature.getInstance("EdDSA");
      default -> throw new IllegalArgumentException("unsupported " + alg);
    }
    verifier.initVerify(cert.getPublicKey());
    verifier.update(toBeSigned);
    return verifier.verify(sig);
  }

  static byte[] rawToDer(byte[] raw) {
    int half = raw.length / 2;
    byte[] r = new BigInteger(1, Arrays.copyOfRange(raw, 0, half)).toByteArray();
    byte[] s = new BigInteger(1, Arrays.copyOfRange(raw, half, raw.length)).toByteArray();
    byte[] body = new byte[derLengthSize(r.length) + r.length + 1 + derLengthSize(s.length) + s.length + 1];
    int pos = 0;
    pos = derInteger(body, pos, r);
    derInteger(body, pos, s);
    byte[] der = new byte[1 + derLengthSize(body.length) + body.length];
    der[0] = 0x30;
    pos = derLength(der, 1, body.length);
    System.arraycopy(body, 0, der, pos, body.length);
    return der;
  }

  private static int derInteger(byte[] out, int pos, byte[] value) {
    out[pos++] = 0x02;
    pos = derLength(out, pos, value.length);
    System.arraycopy(value, 0, out, pos, value.length);
    return pos + value.length;
  }

  private static int derLengthSize(int length) {
    return length < 0x80 ? 1 : length < 0x100 ? 2 : 3;
  }

  private static int derLength(byte[] out, int pos, int length) {
    if (length < 0x80) {
      out[pos++] = (byte) length;
    } else if (length < 0x100) {
      out[pos++] = (byte) 0x81;
      out[pos++] = (byte) length;
    } else {
      out[pos++] = (byte) 0x82;
      out[pos++] = (byte) (length >> 8);
      out[pos++] = (byte) length;
    }
    return pos;
  }

  /** x5chain: one certificate as a byte string, or an array of them (signer first). */
  static List<X509Certificate> x5chain(JsonNode protectedHeader, JsonNode unprotected) throws GeneralSecurityException {
    JsonNode node = protectedHeader.get(String.valueOf(HEADER_X5CHAIN));
    if (node == null) {
      node = unprotected.get(String.valueOf(HEADER_X5CHAIN));
    }
    if (node == null) {
      node = unprotected.get("x5chain"); // pre-standard label written by early signers
    }
    List<X509Certificate> certs = new ArrayList<>();
    if (node == null) {
      return certs;
    }
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<JsonNode> items = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(items::add);
    } else {
      items.add(node);
    }
    for (JsonNode item : items) {
      if (!item.isBinary()) {
        throw new IllegalArgumentException("x5chain entry is not a byte string");
      }
      certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(binary(item))));
    }
    return certs;
  }

  /**
   * signingCredential.trusted when the chain leads to a configured anchor at signing time (PKIX, no revocation
   * check), else signingCredential.untrusted.
   */
  private void trust(List<X509Certificate> chain, Instant signingTime, String signatureUri, StatusLog log) {
    String why = trust.signerAnchors().isEmpty() ? "no trust anchors configured" : null;
    if (why == null) {
      try {
        Set<TrustAnchor> anchors = new HashSet<>();
        trust.signerAnchors().forEach(a -> anchors.add(new TrustAnchor(a, null)));
        List<X509Certificate> path = new ArrayList<>(chain);
        path.removeIf(trust.signerAnchors()::contains); // the anchor itself is not part of a PKIX path
        if (path.isEmpty()) {
          log.success(ValidationCodes.SIGNING_CREDENTIAL_TRUSTED, signatureUri, "signing certificate is a trust anchor");
          return;
        }
        PKIXParameters params = new PKIXParameters(anchors);
        params.setRevocationEnabled(false);
        params.setDate(Date.from(signingTime));
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        log.success(ValidationCodes.SIGNING_CREDENTIAL_TRUSTED, signatureUri, "signing certificate chains to a trust anchor");
        return;
      } catch (GeneralSecurityException e) {
        why = e.getMessage();
      }
    }
    log.failure(ValidationCodes.SIGNING_CREDENTIAL_UNTRUSTED, signatureUri, "signing certificate untrusted: " + why);
  }

  private static C2paReport.Signer signer(X509Certificate cert, Algorithm alg, TimeStamps.Checked stamp) {
    Map<String, String> subject = names(cert.getSubjectX500Principal().getEncoded());
    Map<String, String> issuer = names(cert.getIssuerX500Principal().getEncoded());
    return new C2paReport.Signer(subject.get("CN"), subject.get("O"), issuer.getOrDefault("O", issuer.get("CN")),
        cert.getSerialNumber().toString(), alg.displayName(), stamp == null ? null : stamp.genTime().toString(),
        stamp == null ? null : stamp.authority());
  }

  /**
   * CN and O of an X.500 name, as far as they can be read: the JDK accepts certificates whose name
   * BouncyCastle cannot decode (e.g. a UTF8String that is not UTF-8), and a signer's display name is
   * no reason to fail verification. Unreadable, they are left out.
   */
  static Map<String, String> names(byte[] encodedName) {
    Map<String, String> names = new LinkedHashMap<>();
    try {
      X500Name name = X500Name.getInstance(encodedName);
      for (RDN rdn : name.getRDNs(BCStyle.CN)) {
        names.putIfAbsent("CN", IETFUtils.valueToString(rdn.getFirst().getValue()));
      }
      for (RDN rdn : name.getRDNs(BCStyle.O)) {
        names.putIfAbsent("O", IETFUtils.valueToString(rdn.getFirst().getValue()));
      }
    } catch (IllegalArgumentException | IllegalStateException unreadable) { // BouncyCastle's parse and decode errors
      return names;
    }
    return names;
  }

  static byte[] binary(JsonNode node) {
    try {
      return node.binaryValue();
    } catch (IOException e) {
      throw new IllegalArgumentException("not a byte string", e);
    }
  }

  static byte[] digest(String alg, byte[] data, int offset, int length) throws GeneralSecurityException {
    MessageDigest md = MessageDigest.getInstance(jcaDigest(alg));
    md.update(data, offset, length);
    return md.digest();
  }

  /** C2PA hash algorithm names (sha256, sha384, sha512) to JCA names; null when unsupported. */
  static String jcaDigest(String alg) throws GeneralSecurityException {
    return switch (alg == null ? "sha256" : alg) {
      case "sha256" -> "SHA-256";
      case "sha384" -> "SHA-384";
      case "sha512" -> "SHA-512";
      default -> throw new GeneralSecurityException("hash algorithm '" + alg + "' is not supported");
    };
  }
}

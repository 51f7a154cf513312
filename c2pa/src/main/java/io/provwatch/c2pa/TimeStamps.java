package io.provwatch.c2pa;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.bouncycastle.util.Selector;

/**
 * RFC 3161 time-stamps in a C2PA signature's COSE headers: {@code sigTst} (v1) or {@code sigTst2} (v2), each a
 * {@code tstContainer} {@code {"tstTokens": [{"val": bstr}]}}. A token counter-signs the claim signature: its
 * message imprint is the hash of the CBOR {@code ["CounterSignature", body_protected, h'', payload]}, where the
 * payload is the claim (v1) or the COSE signature as a CBOR byte string (v2, "COSE then time-stamp"). The time-stamp authority's certificate is checked
 * against the time-stamp anchors; its revocation is not.
 */
final class TimeStamps {
  private static final Map<String, String> DIGEST_OIDS = Map.of(
      "2.16.840.1.101.3.4.2.1", "SHA-256",
      "2.16.840.1.101.3.4.2.2", "SHA-384",
      "2.16.840.1.101.3.4.2.3", "SHA-512",
      "1.3.14.3.2.26", "SHA-1");

  private TimeStamps() {}

  /** A time-stamp whose imprint matched and whose signature verified. */
  record Checked(Instant genTime, String authority) {}

  /** Checks the time-stamp, logging its status; null when there is none or it does not hold. */
  static Checked check(JsonNode protectedHeader, JsonNode unprotected, byte[] protectedBytes, byte[] claim,
      byte[] signature, TrustSettings trust, String uri, StatusLog log) {
    boolean v2 = true;
    JsonNode container = header(protectedHeader, unprotected, "sigTst2");
    if (container == null) {
      v2 = false;
      container = header(protectedHeader, unprotected, "sigTst");
    }
    if (container == null) {
      return null;
    }
    JsonNode tokens = container.get("tstTokens");
    if (tokens == null || !tokens.isArray() || tokens.isEmpty()) {
      log.failure(ValidationCodes.TIMESTAMP_MALFORMED, uri, "time-stamp container has no tstTokens");
      return null;
    }
    byte[] payload = v2 ? Cbor.encode(signature) : claim;
    for (JsonNode token : tokens) {
      byte[] val = Cbor.bytes(token, "val");
      if (val == null) {
        log.failure(ValidationCodes.TIMESTAMP_MALFORMED, uri, "time-stamp token has no 'val' byte string");
        continue;
      }
      TimeStampToken tst;
      try {
        tst = parse(val);
      } catch (Exception e) {
        log.failure(ValidationCodes.TIMESTAMP_MALFORMED, uri, "time-stamp token unreadable: " + e.getMessage());
        continue;
      }
      X509Certificate tsaCert = tsaCertificate(tst);
      String authority = tsaCert == null ? "unknown authority"
          : CoseSign1Verifier.names(tsaCert.getSubjectX500Principal().getEncoded()).getOrDefault("CN", tsaCert.getSubjectX500Principal().getName());
      try {
        String digestName = DIGEST_OIDS.get(tst.getTimeStampInfo().getMessageImprintAlgOID().getId());
        byte[] expected = digestName == null ? null : MessageDigest.getInstance(digestName)
            .digest(Cbor.encode(List.of("CounterSignature", protectedBytes, new byte[0], payload)));
        if (expected == null || !MessageDigest.isEqual(expected, tst.getTimeStampInfo().getMessageImprintDigest())) {
          log.failure(ValidationCodes.TIMESTAMP_MISMATCH, uri, "time-stamp message imprint does not match the signature: " + authority);
          continue;
        }
        if (tsaCert == null) {
          log.failure(ValidationCodes.TIMESTAMP_MISMATCH, uri, "time-stamp token carries no signer certificate");
          continue;
        }
        tst.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsaCert));
      } catch (Exception e) {
        log.failure(ValidationCodes.TIMESTAMP_MISMATCH, uri, "time-stamp signature invalid: " + e.getMessage());
        continue;
      }
      Instant genTime = tst.getTimeStampInfo().getGenTime().toInstant();
      log.success(ValidationCodes.TIMESTAMP_VALIDATED, uri, "timestamp message digest matched: " + authority);
      String untrusted = trusted(tst, tsaCert, genTime, trust);
      if (untrusted == null) {
        log.success(ValidationCodes.TIMESTAMP_TRUSTED, uri, "timestamp cert trusted: " + authority);
      } else {
        log.informational(ValidationCodes.TIMESTAMP_UNTRUSTED, uri, "timestamp cert untrusted: " + authority + " (" + untrusted + ")");
      }
      return new Checked(genTime, authority);
    }
    return null;
  }

  private static JsonNode header(JsonNode protectedHeader, JsonNode unprotected, String label) {
    JsonNode node = unprotected.get(label);
    return node != null ? node : protectedHeader.get(label);
  }

  /** Signers store the token itself (a CMS ContentInfo); some stored the whole TimeStampResp. */
  private static TimeStampToken parse(byte[] val) throws Exception {
    try {
      return new TimeStampToken(new CMSSignedData(val));
    } catch (Exception asToken) {
      TimeStampToken token = new TimeStampResponse(val).getTimeStampToken();
      if (token == null) {
        throw asToken;
      }
      return token;
    }
  }

  private static X509Certificate tsaCertificate(TimeStampToken tst) {
    try {
      @SuppressWarnings("unchecked")
      Collection<X509CertificateHolder> matches = tst.getCertificates().getMatches((Selector<X509CertificateHolder>) (Object) tst.getSID());
      if (matches.isEmpty()) {
        return null;
      }
      return new JcaX509CertificateConverter().getCertificate(matches.iterator().next());
    } catch (Exception e) {
      return null;
    }
  }

  /** Null when the TSA chains to a time-stamp anchor; otherwise why not. */
  private static String trusted(TimeStampToken tst, X509Certificate tsaCert, Instant at, TrustSettings trust) {
    if (trust.timeStampAnchors().isEmpty()) {
      return "no time-stamp anchors configured";
    }
    try {
      Set<TrustAnchor> anchors = new HashSet<>();
      trust.timeStampAnchors().forEach(a -> anchors.add(new TrustAnchor(a, null)));
      List<X509Certificate> path = new ArrayList<>();
      path.add(tsaCert);
      JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
      for (Object holder : tst.getCertificates().getMatches(null)) {
        X509Certificate c = converter.getCertificate((X509CertificateHolder) holder);
        if (!c.equals(tsaCert) && !trust.timeStampAnchors().contains(c)) {
          path.add(c);
        }
      }
      if (trust.timeStampAnchors().contains(tsaCert)) {
        return null;
      }
      PKIXParameters params = new PKIXParameters(anchors);
      params.setRevocationEnabled(false);
      params.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
      return null;
    } catch (GeneralSecurityException | RuntimeException e) {
      return e.getMessage();
    }
  }
}

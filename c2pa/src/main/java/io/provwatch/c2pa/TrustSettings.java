package io.provwatch.c2pa;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * What the verifier trusts: anchors for signing certificates, anchors for time-stamp authorities, and the clock
 * that stands in for the signing time when a signature has no valid time-stamp. Empty anchor lists trust nobody:
 * signatures can still be valid, never trusted.
 */
public record TrustSettings(List<X509Certificate> signerAnchors, List<X509Certificate> timeStampAnchors, Clock clock) {

  public TrustSettings {
    signerAnchors = List.copyOf(signerAnchors);
    timeStampAnchors = List.copyOf(timeStampAnchors);
  }

  /** No anchors, the system clock. */
  public static TrustSettings none() {
    return new TrustSettings(List.of(), List.of(), Clock.systemUTC());
  }

  public TrustSettings withSignerAnchors(List<X509Certificate> anchors) {
    return new TrustSettings(anchors, timeStampAnchors, clock);
  }

  public TrustSettings withTimeStampAnchors(List<X509Certificate> anchors) {
    return new TrustSettings(signerAnchors, anchors, clock);
  }

  public TrustSettings withClock(Clock newClock) {
    return new TrustSettings(signerAnchors, timeStampAnchors, newClock);
  }

  /** Every certificate in a PEM file (a bundle of {@code -----BEGIN CERTIFICATE-----} blocks). */
  public static List<X509Certificate> readPem(Path pemFile) throws IOException {
    return readPem(Files.readString(pemFile, StandardCharsets.US_ASCII), pemFile.toString());
  }

  static List<X509Certificate> readPem(String pem, String source) throws IOException {
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> certs = new ArrayList<>();
      for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        certs.add((X509Certificate) c);
      }
      if (certs.isEmpty()) {
        throw new IOException(source + " holds no PEM certificate");
      }
      return certs;
    } catch (GeneralSecurityException e) {
      throw new IOException(source + " is not a PEM certificate bundle: " + e.getMessage(), e);
    }
  }
}

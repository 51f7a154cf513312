package io.provwatch.platform.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority and a server certificate it signed, for {@code localhost} and
 * {@code 127.0.0.1}, made at test time (BouncyCastle) and written as PKCS#12 and PEM key stores and a
 * PEM trust store: no key material is checked in.
 */
public final class TestCertificates {
  public static final String PASSWORD = "test-store-password";

  private final X509Certificate ca;
  private final KeyPair serverKeys;
  private final X509Certificate server;

  private TestCertificates(X509Certificate ca, KeyPair serverKeys, X509Certificate server) {
    this.ca = ca;
    this.serverKeys = serverKeys;
    this.server = server;
  }

  /** A new CA and a server certificate for localhost / 127.0.0.1, valid for a day. */
  public static TestCertificates create() {
    try {
      KeyPair caKeys = ecKeys();
      X500Name caName = new X500Name("CN=provwatch test CA");
      X509v3CertificateBuilder caBuilder = builder(caName, caName, caKeys, 1)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
          .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      X509Certificate ca = sign(caBuilder, caKeys);
      KeyPair serverKeys = ecKeys();
      X509v3CertificateBuilder serverBuilder = builder(caName, new X500Name("CN=localhost"), serverKeys, 2)
          .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
          .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
              new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
      return new TestCertificates(ca, serverKeys, sign(serverBuilder, caKeys));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot make test certificates", e);
    }
  }

  /** The server key and chain as PKCS#12, protected by {@link #PASSWORD}. */
  public Path writePkcs12KeyStore(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("server", serverKeys.getPrivate(), PASSWORD.toCharArray(), new Certificate[] {server, ca});
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file;
  }

  /** The CA certificate as a PKCS#12 trust store, protected by {@link #PASSWORD}. */
  public Path writePkcs12TrustStore(Path file) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", ca);
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file;
  }

  /** The server's unencrypted PKCS#8 key and its chain, leaf first, as PEM. */
  public Path writePemKeyStore(Path file) throws IOException, GeneralSecurityException {
    return Files.writeString(file, pem("PRIVATE KEY", serverKeys.getPrivate().getEncoded())
        + pem("CERTIFICATE", server.getEncoded()) + pem("CERTIFICATE", ca.getEncoded()), StandardCharsets.US_ASCII);
  }

  /** The CA certificate as PEM. */
  public Path writePemTrustStore(Path file) throws IOException, GeneralSecurityException {
    return Files.writeString(file, pem("CERTIFICATE", ca.getEncoded()), StandardCharsets.US_ASCII);
  }

  public X509Certificate ca() {
    return ca;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static JcaX509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys, long serial) {
    Instant now = Instant.now();
    return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serial), Date.from(now.minus(Duration.ofHours(1))),
        Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuerKeys)
      throws OperatorCreationException, GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }
}

package io.provwatch.platform.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key and trust stores for provwatch's HTTPS, from PKCS#12 (or JKS) files or from PEM: a PEM key store
 * holds one unencrypted PKCS#8 private key ({@code PRIVATE KEY}) and its certificate chain, leaf first
 * (protect the file by its permissions, or use PKCS#12 for a password-protected key); a PEM trust store
 * holds certificates.
 */
public final class TlsStores {
  /** Store types accepted in configuration. */
  public static final List<String> TYPES = List.of("PKCS12", "JKS", "PEM");
  private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  private static final char[] NO_PASSWORD = new char[0];

  private TlsStores() {}

  /** A server context presenting the key and chain of {@code keyStore}. */
  public static SSLContext serverContext(Path keyStore, String type, char[] password) throws GeneralSecurityException, IOException {
    KeyStore keys = load(keyStore, type, password, true);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password == null ? NO_PASSWORD : password);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  /** A client context trusting the certificates of {@code trustStore} (and only those). */
  public static SSLContext clientContext(Path trustStore, String type, char[] password) throws GeneralSecurityException, IOException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(load(trustStore, type, password, false));
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static KeyStore load(Path file, String type, char[] password, boolean withKey) throws GeneralSecurityException, IOException {
    if (!"PEM".equals(type)) {
      KeyStore store = KeyStore.getInstance(type);
      try (InputStream in = Files.newInputStream(file)) {
        store.load(in, password);
      }
      return store;
    }
    List<Certificate> certificates = new ArrayList<>();
    PrivateKey key = null;
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    Matcher block = PEM_BLOCK.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    while (block.find()) {
      byte[] der = Base64.getMimeDecoder().decode(block.group(2));
      switch (block.group(1)) {
        case "CERTIFICATE" -> certificates.add(x509.generateCertificate(new ByteArrayInputStream(der)));
        case "PRIVATE KEY" -> key = privateKey(new PKCS8EncodedKeySpec(der));
        default -> throw new GeneralSecurityException("PEM block '" + block.group(1) + "' is not supported (an unencrypted PKCS#8"
            + " PRIVATE KEY and CERTIFICATEs; for a password-protected key use PKCS12)");
      }
    }
    if (certificates.isEmpty() || (withKey && key == null)) {
      throw new GeneralSecurityException(withKey ? "a PEM key store needs a PKCS#8 private key and its certificate chain" : "no certificate in the PEM file");
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    if (withKey) {
      store.setKeyEntry("provwatch", key, password == null ? NO_PASSWORD : password, certificates.toArray(Certificate[]::new));
    } else {
      for (int i = 0; i < certificates.size(); i++) {
        store.setCertificateEntry("trusted-" + i, certificates.get(i));
      }
    }
    return store;
  }

  private static PrivateKey privateKey(PKCS8EncodedKeySpec spec) throws GeneralSecurityException {
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException e) {
        // not this algorithm: try the next
      }
    }
    throw new GeneralSecurityException("the PEM private key is neither RSA, EC nor EdDSA");
  }
}

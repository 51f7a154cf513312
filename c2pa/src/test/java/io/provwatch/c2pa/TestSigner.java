package io.provwatch.c2pa;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A signing key generated in the test and a self-signed certificate for it: COSE signatures as C2PA signers make them. */
public record TestSigner(TestSigner.Alg alg, KeyPair keys, X509Certificate certificate) {
  /** The COSE algorithms the tests sign with, and their COSE ids. */
  public enum Alg {
    ES256(-7, "secp256r1", "SHA256withECDSA", 32), ES384(-35, "secp384r1", "SHA384withECDSA", 48),
    ES512(-36, "secp521r1", "SHA512withECDSA", 66), PS256(-37, null, null, 0), ED25519(-8, null, null, 0);

    final int coseId;
    final String curve;
    final String ecdsa;
    final int coordinateBytes;

    Alg(int coseId, String curve, String ecdsa, int coordinateBytes) {
      this.coseId = coseId;
      this.curve = curve;
      this.ecdsa = ecdsa;
      this.coordinateBytes = coordinateBytes;
    }
  }

  /** A signer whose certificate is valid for ten years around now. */
  public static TestSigner create(Alg alg) {
    Instant now = Instant.now();
    return create(alg, now.minusSeconds(86_400L * 365 * 5), now.plusSeconds(86_400L * 365 * 5));
  }

  public static TestSigner create(Alg alg, Instant notBefore, Instant notAfter) {
    try {
      KeyPairGenerator generator;
      String certSignature;
      switch (alg) {
        case ES256, ES384, ES512 -> {
          generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec(alg.curve));
          certSignature = alg.ecdsa;
        }
        case PS256 -> {
          generator = KeyPairGenerator.getInstance("RSA");
          generator.initialize(2048);
          certSignature = "SHA256withRSA";
        }
        default -> {
          generator = KeyPairGenerator.getInstance("Ed25519");
          certSignature = "Ed25519";
        }
      }
      KeyPair keys = generator.generateKeyPair();
      X500Name name = new X500Name("CN=provwatch test signer,O=provwatch tests,C=DE");
      var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(4242), Date.from(notBefore),
          Date.from(notAfter), name, keys.getPublic());
      X509Certificate cert = new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder(certSignature).build(keys.getPrivate())));
      return new TestSigner(alg, keys, cert);
    } catch (Exception e) {
      throw new IllegalStateException("test key generation failed", e);
    }
  }

  /** The COSE signature bytes over {@code toBeSigned}: raw r || s for ECDSA, as COSE carries it. */
  public byte[] sign(byte[] toBeSigned) {
    try {
      Signature signer;
      switch (alg) {
        case ES256, ES384, ES512 -> signer = Signature.getInstance(alg.ecdsa);
        case PS256 -> {
          signer = Signature.getInstance("RSASSA-PSS");
          signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        }
        default -> signer = Signature.getInstance("Ed25519");
      }
      signer.initSign(keys.getPrivate());
      signer.update(toBeSigned);
      byte[] sig = signer.sign();
      return alg.curve != null ? derToRaw(sig, alg.coordinateBytes) : sig;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("test signing failed", e);
    }
  }

  private static byte[] derToRaw(byte[] der, int size) {
    ASN1Sequence seq = ASN1Sequence.getInstance(der);
    byte[] raw = new byte[2 * size];
    for (int i = 0; i < 2; i++) {
      byte[] n = ASN1Integer.getInstance(seq.getObjectAt(i)).getPositiveValue().toByteArray();
      if (n.length > size) {
        n = Arrays.copyOfRange(n, n.length - size, n.length); // a leading zero byte keeps DER integers positive
      }
      System.arraycopy(n, 0, raw, (i + 1) * size - n.length, n.length);
    }
    return raw;
  }
}

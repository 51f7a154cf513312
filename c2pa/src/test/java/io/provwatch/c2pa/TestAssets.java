package io.provwatch.c2pa;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Builds small C2PA-signed assets by hand, shaped like the reference implementation's: a manifest store of JUMBF
 * superboxes with CBOR assertions, a v2 claim with hashed URIs, and a COSE_Sign1 over the claim, embedded in a
 * JPEG (APP11 segments) or PNG ({@code caBX}) with a {@code c2pa.hash.data} exclusion over the embedded store.
 */
public final class TestAssets {
  public static final String TRAINED_ALGORITHMIC_MEDIA = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";
  public static final String DIGITAL_CAPTURE = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture";

  private TestAssets() {}

  /** A real, decodable JPEG of the given size. */
  public static byte[] jpeg(int width, int height) {
    return image(width, height, "jpg");
  }

  public static byte[] png(int width, int height) {
    return image(width, height, "png");
  }

  private static byte[] image(int width, int height, String format) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, new Color((x * 16) & 0xff, (y * 16) & 0xff, ((x + y) * 8) & 0xff).getRGB());
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * The JPEG with {@code bytes} of random COM (comment) segments after SOI: a large photo's worth of bytes for the
   * data hash to cover, without the cost of encoding a large image.
   */
  public static byte[] padded(byte[] jpeg, int bytes, long seed) {
    java.util.Random random = new java.util.Random(seed);
    ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + bytes + bytes / 65_000 * 4 + 8);
    out.write(jpeg, 0, 2);
    for (int left = bytes; left > 0; ) {
      int n = Math.min(left, 65_533);
      byte[] comment = new byte[n];
      random.nextBytes(comment);
      out.write(0xff);
      out.write(0xfe);
      out.write((n + 2) >> 8);
      out.write(n + 2);
      out.writeBytes(comment);
      left -= n;
    }
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  // ---- JUMBF ------------------------------------------------------------------------------------------------

  public static byte[] box(String type, byte[]... payloads) {
    int length = 8 + Arrays.stream(payloads).mapToInt(p -> p.length).sum();
    ByteArrayOutputStream out = new ByteArrayOutputStream(length);
    out.writeBytes(u32(length));
    out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
    for (byte[] p : payloads) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** A superbox of a C2PA type ({@code c2pa}, {@code c2ma}, {@code cbor}, ...) with a requestable label. */
  public static byte[] superbox(String typeFourCc, String label, byte[]... children) {
    byte[] labelBytes = label.getBytes(StandardCharsets.UTF_8);
    byte[] jumd = new byte[16 + 1 + labelBytes.length + 1];
    System.arraycopy(Jumbf.typeUuid(typeFourCc), 0, jumd, 0, 16);
    jumd[16] = 0x03; // requestable, has label
    System.arraycopy(labelBytes, 0, jumd, 17, labelBytes.length);
    byte[][] all = new byte[children.length + 1][];
    all[0] = box("jumd", jumd);
    System.arraycopy(children, 0, all, 1, children.length);
    return box("jumb", all);
  }

  public static byte[] cborAssertion(String label, Object content) {
    return superbox("cbor", label, box("cbor", Cbor.encode(content)));
  }

  public static byte[] sha256(byte[] data, int from, int to) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(data, from, to - from);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hash a hashed URI carries for a superbox: over its payload, the description box and content boxes. */
  public static byte[] boxHash(byte[] superbox) {
    return sha256(superbox, 8, superbox.length);
  }

  static byte[] u32(long n) {
    return new byte[] {(byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n};
  }

  // ---- manifests --------------------------------------------------------------------------------------------

  /** An ingredient assertion: with {@code manifestBox} the ingredient had credentials (that manifest, hashed). */
  public record IngredientSpec(String title, String relationship, String manifestLabel, byte[] manifestBox) {}

  /** What goes into one manifest. */
  public static final class ManifestSpec {
    public final String label;
    public final TestSigner signer;
    public String title = "test.jpg";
    public final List<Map<String, Object>> actions = new ArrayList<>();
    public final List<IngredientSpec> ingredients = new ArrayList<>();
    public boolean dataHash = true;
    /** Early signers put x5chain in the unprotected header; the verifier reads it from either. */
    public boolean x5chainUnprotected;

    public ManifestSpec(String label, TestSigner signer) {
      this.label = label;
      this.signer = signer;
    }

    public ManifestSpec action(String action, String digitalSourceType) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("action", action);
      if (digitalSourceType != null) {
        a.put("digitalSourceType", digitalSourceType);
      }
      a.put("softwareAgent", Map.of("name", "provwatch-tests"));
      actions.add(a);
      return this;
    }

    /** The manifest superbox: assertions, a v2 claim over their hashes, a COSE_Sign1 over the claim. */
    public byte[] build(List<long[]> exclusions, byte[] assetHash) {
      List<byte[]> assertions = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      Map<String, Object> actionsContent = new LinkedHashMap<>();
      actionsContent.put("actions", actions);
      assertions.add(cborAssertion("c2pa.actions.v2", actionsContent));
      labels.add("c2pa.actions.v2");
      for (int i = 0; i < ingredients.size(); i++) {
        IngredientSpec spec = ingredients.get(i);
        Map<String, Object> ingredient = new LinkedHashMap<>();
        ingredient.put("dc:title", spec.title());
        ingredient.put("dc:format", "image/jpeg");
        ingredient.put("relationship", spec.relationship());
        if (spec.manifestBox() != null) {
          ingredient.put("c2pa_manifest", Map.of("url", "self#jumbf=/c2pa/" + spec.manifestLabel(), "hash", boxHash(spec.manifestBox())));
        }
        String label = i == 0 ? "c2pa.ingredient.v2" : "c2pa.ingredient.v2__" + i;
        assertions.add(cborAssertion(label, ingredient));
        labels.add(label);
      }
      if (dataHash) {
        List<Object> ranges = new ArrayList<>();
        for (long[] e : exclusions) {
          Map<String, Object> range = new LinkedHashMap<>();
          range.put("start", e[0]);
          range.put("length", e[1]);
          ranges.add(range);
        }
        Map<String, Object> hashData = new LinkedHashMap<>();
        hashData.put("exclusions", ranges);
        hashData.put("name", "jumbf manifest");
        hashData.put("alg", "sha256");
        hashData.put("hash", assetHash);
        hashData.put("pad", new byte[0]);
        assertions.add(cborAssertion("c2pa.hash.data", hashData));
        labels.add("c2pa.hash.data");
      }
      List<Object> refs = new ArrayList<>();
      for (int i = 0; i < assertions.size(); i++) {
        refs.add(Map.of("url", "self#jumbf=c2pa.assertions/" + labels.get(i), "hash", boxHash(assertions.get(i))));
      }
      Map<String, Object> claim = new LinkedHashMap<>();
      claim.put("instanceID", "xmp:iid:" + label);
      claim.put("claim_generator_info", Map.of("name", "provwatch-tests", "version", "1.0"));
      claim.put("signature", "self#jumbf=c2pa.signature");
      claim.put("created_assertions", refs);
      claim.put("dc:title", title);
      claim.put("alg", "sha256");
      byte[] claimBytes = Cbor.encode(claim);
      byte[] cose = coseSign1(signer, claimBytes, x5chainUnprotected);
      return superbox("c2ma", label,
          superbox("c2as", "c2pa.assertions", assertions.toArray(byte[][]::new)),
          superbox("c2cl", "c2pa.claim.v2", box("cbor", claimBytes)),
          superbox("c2cs", "c2pa.signature", box("cbor", cose)));
    }
  }

  /** COSE_Sign1_Tagged with a detached payload; the certificate in the protected x5chain. */
  public static byte[] coseSign1(TestSigner signer, byte[] claimBytes, boolean x5chainUnprotected) {
    Map<Object, Object> protectedHeader = new LinkedHashMap<>();
    Map<Object, Object> unprotectedHeader = new LinkedHashMap<>();
    protectedHeader.put(1, signer.alg().coseId);
    try {
      (x5chainUnprotected ? unprotectedHeader : protectedHeader).put(33, List.of(signer.certificate().getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    byte[] protectedBytes = Cbor.encode(protectedHeader);
    byte[] signature = signer.sign(CoseSign1Verifier.sigStructure(protectedBytes, claimBytes));
    return Cbor.encode(new Cbor.Tagged(18, Arrays.asList(protectedBytes, unprotectedHeader, null, signature)));
  }

  public static byte[] store(byte[]... manifests) {
    return superbox("c2pa", "c2pa", manifests);
  }

  // ---- embedding --------------------------------------------------------------------------------------------

  /**
   * Signs a JPEG: the store goes right after SOI in APP11 segments of at most {@code maxPacket} box bytes each,
   * and the data hash excludes exactly those segments. The store's size depends on the exclusion length it
   * records, so the two are iterated to a fixed point (two or three rounds).
   */
  public static byte[] signJpeg(byte[] jpeg, LongFunction<byte[]> storeForExclusionLength, int maxPacket) {
    long length = 0;
    for (int round = 0; round < 8; round++) {
      byte[] segments = app11Segments(storeForExclusionLength.apply(length), maxPacket);
      if (segments.length == length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(segments);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
      }
      length = segments.length;
    }
    throw new IllegalStateException("exclusion length did not settle");
  }

  /** A one-manifest signed JPEG: the common case. */
  public static byte[] signedJpeg(byte[] jpeg, ManifestSpec spec, int maxPacket) {
    byte[] assetHash = sha256(jpeg, 0, jpeg.length); // SOI + rest: the asset minus the excluded APP11 segments
    return signJpeg(jpeg, length -> store(spec.build(List.of(new long[] {2, length}), assetHash)), maxPacket);
  }

  static byte[] app11Segments(byte[] store, int maxPacket) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int sequence = 1;
    for (int pos = 0; pos < store.length; sequence++) {
      boolean first = pos == 0;
      int n = Math.min(maxPacket, store.length - pos);
      byte[] header = first ? new byte[0] : Arrays.copyOfRange(store, 0, 8); // later packets repeat LBox and TBox
      int segmentLength = 2 + 2 + 2 + 4 + header.length + n;
      out.write(0xff);
      out.write(0xeb);
      out.write(segmentLength >> 8);
      out.write(segmentLength);
      out.write('J');
      out.write('P');
      out.write(0);
      out.write(1); // box instance number
      out.writeBytes(u32(sequence));
      out.writeBytes(header);
      out.write(store, pos, n);
      pos += n;
    }
    return out.toByteArray();
  }

  /** Signs a PNG: a {@code caBX} chunk after IHDR, the data hash excluding that whole chunk. */
  public static byte[] signedPng(byte[] png, ManifestSpec spec) {
    int at = 8 + 8 + 13 + 4; // signature, IHDR chunk
    byte[] assetHash = sha256(png, 0, png.length);
    long length = 0;
    for (int round = 0; round < 8; round++) {
      byte[] store = store(spec.build(List.of(new long[] {at, length}), assetHash));
      byte[] chunk = pngChunk("caBX", store);
      if (chunk.length == length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, at);
        out.writeBytes(chunk);
        out.write(png, at, png.length - at);
        return out.toByteArray();
      }
      length = chunk.length;
    }
    throw new IllegalStateException("exclusion length did not settle");
  }

  static byte[] pngChunk(String type, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(u32(data.length));
    byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
    out.writeBytes(typeBytes);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(typeBytes);
    crc.update(data);
    out.writeBytes(u32(crc.getValue()));
    return out.toByteArray();
  }

  /** A JPEG with an XMP APP1 segment whose dcterms:provenance names {@code url}. */
  public static byte[] jpegWithXmpProvenance(byte[] jpeg, String url) {
    String xmp = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description xmlns:dcterms=\"http://purl.org/dc/terms/\" dcterms:provenance=\"" + url + "\"/>"
        + "</rdf:RDF></x:xmpmeta>";
    byte[] payload = ("http://ns.adobe.com/xap/1.0/\0" + xmp).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(0xff);
    out.write(0xe1);
    out.write((payload.length + 2) >> 8);
    out.write(payload.length + 2);
    out.writeBytes(payload);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** The index of the first occurrence of {@code needle} in {@code data} at or after {@code from}, or -1. */
  public static int indexOf(byte[] data, byte[] needle, int from) {
    outer:
    for (int i = from; i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}

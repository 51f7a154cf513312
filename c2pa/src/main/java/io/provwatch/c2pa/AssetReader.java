package io.provwatch.c2pa;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the C2PA manifest store in an asset: JPEG APP11 JUMBF segments (reassembled by box instance and packet
 * sequence number), the PNG {@code caBX} chunk, or a whole {@code .c2pa} sidecar. Also reads XMP's
 * {@code dcterms:provenance}, which may point at a remote manifest; that manifest is reported, never fetched here.
 */
public final class AssetReader {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] XMP_APP1_PREFIX = "http://ns.adobe.com/xap/1.0/\0".getBytes(StandardCharsets.ISO_8859_1);
  private static final Pattern PROVENANCE_ATTRIBUTE = Pattern.compile("dcterms:provenance\\s*=\\s*[\"']([^\"']*)[\"']");
  private static final Pattern PROVENANCE_ELEMENT = Pattern.compile("<dcterms:provenance>([^<]*)</dcterms:provenance>");

  private AssetReader() {}

  /** The kinds of container this reader understands; anything else is {@link #OTHER}. */
  public enum Format {
    JPEG("image/jpeg"), PNG("image/png"), C2PA("application/c2pa"), OTHER("application/octet-stream");

    public final String mediaType;

    Format(String mediaType) {
      this.mediaType = mediaType;
    }
  }

  /**
   * What an asset carries: the manifest store bytes ({@code null} when there is none), the XMP provenance
   * reference ({@code null} when absent), and anything odd met on the way (truncated segments, ...).
   */
  public record Found(Format format, String mediaType, byte[] manifestStore, String xmpProvenance, List<String> problems) {
    /** The provenance reference when it points outside the file (http or https), else {@code null}. */
    public String remoteManifestUrl() {
      if (xmpProvenance == null) {
        return null;
      }
      String lower = xmpProvenance.toLowerCase(Locale.ROOT);
      return lower.startsWith("https://") || lower.startsWith("http://") ? xmpProvenance : null;
    }
  }

  /** Reads the asset; {@code nameOrMediaType} (a file name or media type, may be null) only labels unknown formats. */
  public static Found read(byte[] asset, String nameOrMediaType) {
    List<String> problems = new ArrayList<>();
    if (asset.length >= 3 && (asset[0] & 0xff) == 0xff && (asset[1] & 0xff) == 0xd8 && (asset[2] & 0xff) == 0xff) {
      return readJpeg(asset, problems);
    }
    if (startsWith(asset, 0, PNG_SIGNATURE)) {
      return readPng(asset, problems);
    }
    if (asset.length >= 8 && asset[4] == 'j' && asset[5] == 'u' && asset[6] == 'm' && asset[7] == 'b') {
      return new Found(Format.C2PA, Format.C2PA.mediaType, asset, null, problems);
    }
    return new Found(Format.OTHER, guessMediaType(nameOrMediaType), null, null, problems);
  }

  private static Found readJpeg(byte[] jpeg, List<String> problems) {
    Map<Integer, TreeMap<Long, byte[]>> packetsByInstance = new TreeMap<>();
    String xmp = null;
    int pos = 2;
    while (pos + 4 <= jpeg.length) {
      if ((jpeg[pos] & 0xff) != 0xff) {
        problems.add("JPEG marker expected at offset " + pos);
        break;
      }
      int marker = jpeg[pos + 1] & 0xff;
      if (marker == 0xff) {
        pos++; // fill byte
        continue;
      }
      if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        pos += 2;
        continue;
      }
      if (marker == 0xd9 || marker == 0xda) {
        break; // end of image, or start of scan: metadata segments come before the entropy-coded data
      }
      int length = ((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff);
      int payload = pos + 4;
      int end = pos + 2 + length;
      if (length < 2 || end > jpeg.length) {
        problems.add(String.format("JPEG segment 0x%02X at offset %d has length %d beyond the file", marker, pos, length));
        break;
      }
      if (marker == 0xeb) {
        app11(jpeg, payload, end, packetsByInstance, problems);
      } else if (marker == 0xe1 && xmp == null && startsWith(jpeg, payload, XMP_APP1_PREFIX)) {
        xmp = new String(jpeg, payload + XMP_APP1_PREFIX.length, end - payload - XMP_APP1_PREFIX.length, StandardCharsets.UTF_8);
      }
      pos = end;
    }
    byte[] store = null;
    for (Map.Entry<Integer, TreeMap<Long, byte[]>> instance : packetsByInstance.entrySet()) {
      byte[] box = reassemble(instance.getValue());
      if (isManifestStore(box)) {
        if (store != null) {
          problems.add("more than one C2PA manifest store in APP11 segments; the first is used");
        } else {
          store = box;
        }
      }
    }
    return new Found(Format.JPEG, Format.JPEG.mediaType, store, provenance(xmp), problems);
  }

  /** One APP11 packet: "JP" common identifier, box instance number, packet sequence number, then box bytes. */
  private static void app11(byte[] jpeg, int payload, int end, Map<Integer, TreeMap<Long, byte[]>> packets, List<String> problems) {
    if (end - payload < 8 + 8 || jpeg[payload] != 'J' || jpeg[payload + 1] != 'P') {
      return; // APP11 used for something other than JUMBF
    }
    int instance = ((jpeg[payload + 2] & 0xff) << 8) | (jpeg[payload + 3] & 0xff);
    long sequence = Jumbf.u32(jpeg, payload + 4);
    byte[] boxPart = java.util.Arrays.copyOfRange(jpeg, payload + 8, end);
    if (packets.computeIfAbsent(instance, i -> new TreeMap<>()).put(sequence, boxPart) != null) {
      problems.add("APP11 box instance " + instance + " repeats packet sequence number " + sequence);
    }
  }

  /**
   * Joins an instance's packets in sequence order. Every packet repeats the box header (LBox, TBox and, for long
   * boxes, XLBox); only the first packet's copy belongs to the box.
   */
  private static byte[] reassemble(TreeMap<Long, byte[]> packets) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    boolean first = true;
    for (byte[] part : packets.values()) {
      int skip = 0;
      if (!first) {
        skip = part.length >= 16 && Jumbf.u32(part, 0) == 1 ? 16 : 8;
      }
      out.write(part, Math.min(skip, part.length), Math.max(0, part.length - skip));
      first = false;
    }
    return out.toByteArray();
  }

  private static Found readPng(byte[] png, List<String> problems) {
    byte[] store = null;
    String xmp = null;
    int pos = PNG_SIGNATURE.length;
    while (pos + 12 <= png.length) {
      long length = Jumbf.u32(png, pos);
      String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
      int data = pos + 8;
      if (length > png.length - data - 4) {
        problems.add("PNG chunk '" + type + "' at offset " + pos + " has length " + length + " beyond the file");
        break;
      }
      int end = data + (int) length;
      if ("caBX".equals(type)) {
        if (store != null) {
          problems.add("more than one caBX chunk; the first is used");
        } else {
          store = java.util.Arrays.copyOfRange(png, data, end);
        }
      } else if ("iTXt".equals(type) && xmp == null) {
        xmp = pngXmp(png, data, end);
      } else if ("IEND".equals(type)) {
        break;
      }
      pos = end + 4; // CRC
    }
    return new Found(Format.PNG, Format.PNG.mediaType, store, provenance(xmp), problems);
  }

  /** An uncompressed iTXt chunk with keyword XML:com.adobe.xmp holds XMP. */
  private static String pngXmp(byte[] png, int data, int end) {
    byte[] keyword = "XML:com.adobe.xmp\0".getBytes(StandardCharsets.ISO_8859_1);
    if (!startsWith(png, data, keyword) || data + keyword.length + 2 > end || png[data + keyword.length] != 0) {
      return null;
    }
    int pos = data + keyword.length + 2; // compression flag and method
    for (int field = 0; field < 2; field++) { // language tag, translated keyword
      while (pos < end && png[pos] != 0) {
        pos++;
      }
      pos++;
    }
    return pos < end ? new String(png, pos, end - pos, StandardCharsets.UTF_8) : null;
  }

  private static String provenance(String xmp) {
    if (xmp == null) {
      return null;
    }
    Matcher m = PROVENANCE_ATTRIBUTE.matcher(xmp);
    if (m.find()) {
      return m.group(1).trim();
    }
    m = PROVENANCE_ELEMENT.matcher(xmp);
    return m.find() ? m.group(1).trim() : null;
  }

  static boolean isManifestStore(byte[] box) {
    try {
      Jumbf.parseStore(box);
      return true;
    } catch (Jumbf.MalformedException e) {
      // not a store: the caller reports absence, or the verifier re-parses and reports the malformation
      return box.length >= 8 + 8 + 16 && new String(box, 4, 4, StandardCharsets.ISO_8859_1).equals("jumb")
          && new String(box, 16, 4, StandardCharsets.ISO_8859_1).equals(Jumbf.C2PA_STORE);
    }
  }

  private static boolean startsWith(byte[] data, int at, byte[] prefix) {
    if (data.length - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static String guessMediaType(String nameOrMediaType) {
    if (nameOrMediaType == null) {
      return Format.OTHER.mediaType;
    }
    String lower = nameOrMediaType.toLowerCase(Locale.ROOT);
    if (lower.contains("/")  && !lower.contains(".")) {
      return lower;
    }
    if (lower.endsWith(".svg")) {
      return "image/svg+xml";
    }
    if (lower.endsWith(".webp")) {
      return "image/webp";
    }
    if (lower.endsWith(".gif")) {
      return "image/gif";
    }
    if (lower.endsWith(".mp4")) {
      return "video/mp4";
    }
    return Format.OTHER.mediaType;
  }
}

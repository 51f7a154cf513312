package io.provwatch.c2pa;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * JUMBF boxes (ISO/IEC 19566-5) as C2PA stores its manifests: superboxes ({@code jumb}) open with a description box
 * ({@code jumd}: type UUID, toggles, label) followed by content boxes ({@code cbor}, {@code json}, {@code bfdb},
 * {@code bidb}, ...). Boxes are views over one shared array, so hashing a box copies nothing.
 */
public final class Jumbf {
  /** Superbox type UUIDs C2PA uses (ISO 19566-5 form: four characters then the common suffix). */
  public static final String C2PA_STORE = "c2pa";
  public static final String C2PA_MANIFEST = "c2ma";
  public static final String C2PA_UPDATE_MANIFEST = "c2um";
  public static final String C2PA_ASSERTION_STORE = "c2as";
  public static final String C2PA_CLAIM = "c2cl";
  public static final String C2PA_SIGNATURE = "c2cs";
  private static final byte[] UUID_SUFFIX = HexFormat.of().parseHex("00110010800000aa00389b71");

  /** Deeper nesting than this is refused rather than recursed into: C2PA stores nest four or five levels. */
  private static final int MAX_DEPTH = 32;

  private Jumbf() {}

  /** A box that is not well formed; the verifier turns it into a status code, never into a crash. */
  public static final class MalformedException extends Exception {
    MalformedException(String message) {
      super(message);
    }
  }

  /**
   * The {@code jumd} description of a superbox. {@code typeName} is the four characters of a C2PA-style type UUID
   * ({@code c2pa}, {@code c2ma}, {@code cbor}, ...) or the full UUID in hex for any other type.
   */
  public record Description(String typeName, int toggles, String label, Integer id) {}

  /**
   * One box: {@code data[start, end)} is the whole box, {@code data[start + headerLength, end)} its payload. A
   * superbox has its description and its child boxes (the description box not among them).
   */
  public record Box(byte[] data, int start, int headerLength, int end, String type, Description description,
      List<Box> children) {

    public boolean isSuperbox() {
      return description != null;
    }

    public int payloadStart() {
      return start + headerLength;
    }

    public int payloadLength() {
      return end - payloadStart();
    }

    public byte[] payload() {
      return Arrays.copyOfRange(data, payloadStart(), end);
    }

    public String label() {
      return description == null ? null : description.label();
    }

    public String typeName() {
      return description == null ? type : description.typeName();
    }

    /** The child superbox with this label. */
    public Optional<Box> child(String childLabel) {
      return children.stream().filter(b -> childLabel.equals(b.label())).findFirst();
    }

    /** The first content box of this type ({@code cbor}, {@code json}, ...). */
    public Optional<Box> content(String contentType) {
      return children.stream().filter(b -> !b.isSuperbox() && contentType.equals(b.type())).findFirst();
    }
  }

  /** Parses the boxes in {@code data[from, to)}. */
  public static List<Box> parse(byte[] data, int from, int to) throws MalformedException {
    return parse(data, from, to, 0);
  }

  /** Parses one box that must fill {@code data} exactly: a manifest store. */
  public static Box parseStore(byte[] data) throws MalformedException {
    List<Box> boxes = parse(data, 0, data.length);
    if (boxes.size() != 1 || !boxes.get(0).isSuperbox()) {
      throw new MalformedException("manifest store is not one JUMBF superbox (" + boxes.size() + " top-level boxes)");
    }
    Box store = boxes.get(0);
    if (!C2PA_STORE.equals(store.typeName())) {
      throw new MalformedException("top-level superbox has type " + store.typeName() + ", not c2pa");
    }
    return store;
  }

  private static List<Box> parse(byte[] data, int from, int to, int depth) throws MalformedException {
    if (depth > MAX_DEPTH) {
      throw new MalformedException("JUMBF nested deeper than " + MAX_DEPTH + " levels at offset " + from);
    }
    List<Box> boxes = new ArrayList<>();
    int pos = from;
    while (pos < to) {
      if (to - pos < 8) {
        throw new MalformedException("truncated box header at offset " + pos);
      }
      long length = u32(data, pos);
      String type = new String(data, pos + 4, 4, StandardCharsets.ISO_8859_1);
      int header = 8;
      if (length == 1) {
        if (to - pos < 16) {
          throw new MalformedException("truncated extended box header at offset " + pos);
        }
        length = (u32(data, pos + 8) << 32) | u32(data, pos + 12);
        header = 16;
      } else if (length == 0) {
        length = to - pos;
      }
      if (length < header || length > to - pos) {
        throw new MalformedException("box '" + printable(type) + "' at offset " + pos + " has length " + length
            + " outside its " + (to - pos) + " available bytes");
      }
      int end = pos + (int) length;
      boxes.add("jumb".equals(type) ? superbox(data, pos, header, end, depth) : new Box(data, pos, header, end, type, null, List.of()));
      pos = end;
    }
    return boxes;
  }

  private static Box superbox(byte[] data, int start, int header, int end, int depth) throws MalformedException {
    List<Box> inner = parse(data, start + header, end, depth + 1);
    if (inner.isEmpty() || !"jumd".equals(inner.get(0).type())) {
      throw new MalformedException("superbox at offset " + start + " does not open with a jumd description box");
    }
    Description description = description(inner.get(0));
    return new Box(data, start, header, end, "jumb", description, List.copyOf(inner.subList(1, inner.size())));
  }

  private static Description description(Box jumd) throws MalformedException {
    byte[] data = jumd.data();
    int pos = jumd.payloadStart();
    int end = jumd.end();
    if (end - pos < 17) {
      throw new MalformedException("jumd box at offset " + jumd.start() + " is shorter than its type UUID and toggles");
    }
    String typeName = typeName(data, pos);
    int toggles = data[pos + 16] & 0xff;
    pos += 17;
    String label = null;
    if ((toggles & 0x02) != 0) {
      int nul = pos;
      while (nul < end && data[nul] != 0) {
        nul++;
      }
      if (nul == end) {
        throw new MalformedException("jumd label at offset " + pos + " is not NUL-terminated");
      }
      label = new String(data, pos, nul - pos, StandardCharsets.UTF_8);
      pos = nul + 1;
    }
    Integer id = null;
    if ((toggles & 0x04) != 0) {
      if (end - pos < 4) {
        throw new MalformedException("jumd id at offset " + pos + " is truncated");
      }
      id = (int) u32(data, pos);
    }
    // A signature (toggle 0x08) and a private box such as C2PA's salt (0x10) may follow; both are hashed with the
    // box, neither is needed to navigate, so they are left in place.
    return new Description(typeName, toggles, label, id);
  }

  private static String typeName(byte[] data, int pos) {
    if (Arrays.equals(data, pos + 4, pos + 16, UUID_SUFFIX, 0, UUID_SUFFIX.length)) {
      return new String(data, pos, 4, StandardCharsets.ISO_8859_1);
    }
    return HexFormat.of().formatHex(data, pos, pos + 16);
  }

  /** The 16-byte type UUID for a C2PA four-character type name ({@code c2pa}, {@code cbor}, ...). */
  public static byte[] typeUuid(String fourCc) {
    byte[] uuid = new byte[16];
    System.arraycopy(fourCc.getBytes(StandardCharsets.ISO_8859_1), 0, uuid, 0, 4);
    System.arraycopy(UUID_SUFFIX, 0, uuid, 4, UUID_SUFFIX.length);
    return uuid;
  }

  static long u32(byte[] data, int pos) {
    return ((data[pos] & 0xffL) << 24) | ((data[pos + 1] & 0xffL) << 16) | ((data[pos + 2] & 0xffL) << 8) | (data[pos + 3] & 0xffL);
  }

  private static String printable(String type) {
    return type.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? type : HexFormat.of().formatHex(type.getBytes(StandardCharsets.ISO_8859_1));
  }

  /**
   * Resolves a JUMBF URI ({@code self#jumbf=/c2pa/<manifest>/c2pa.assertions/<label>} or, relative to the manifest
   * that holds the reference, {@code self#jumbf=c2pa.assertions/<label>}) to its superbox.
   */
  public static Optional<Box> resolve(Box store, Box manifest, String uri) {
    if (uri == null || !uri.startsWith("self#jumbf=")) {
      return Optional.empty();
    }
    String path = uri.substring("self#jumbf=".length());
    Box at;
    if (path.startsWith("/")) {
      String[] parts = path.substring(1).split("/", -1);
      if (parts.length == 0 || !parts[0].equals(store.label())) {
        return Optional.empty();
      }
      at = store;
      return walk(at, Arrays.copyOfRange(parts, 1, parts.length));
    }
    return walk(manifest, path.split("/", -1));
  }

  private static Optional<Box> walk(Box from, String[] labels) {
    Box at = from;
    for (String label : labels) {
      if (label.isEmpty()) {
        continue; // a trailing slash names the box itself
      }
      Optional<Box> next = at.child(label);
      if (next.isEmpty()) {
        return Optional.empty();
      }
      at = next.get();
    }
    return Optional.of(at);
  }

  /** The absolute URI of a box inside a manifest, as the reference reports name places. */
  public static String absoluteUri(String storeLabel, String manifestLabel, String relativePath) {
    return "self#jumbf=/" + storeLabel + "/" + manifestLabel + (relativePath.isEmpty() ? "" : "/" + relativePath);
  }
}

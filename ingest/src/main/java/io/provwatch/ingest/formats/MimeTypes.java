package io.provwatch.ingest.formats;

import java.util.Locale;
import java.util.Map;

/** A media MIME type from a url's extension, for platforms that say only "image" or "video". */
final class MimeTypes {
  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
      Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"),
      Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("avif", "image/avif"),
      Map.entry("heic", "image/heic"), Map.entry("svg", "image/svg+xml"), Map.entry("mp4", "video/mp4"),
      Map.entry("m4v", "video/mp4"), Map.entry("webm", "video/webm"), Map.entry("mov", "video/quicktime"),
      Map.entry("m3u8", "application/x-mpegURL"), Map.entry("mp3", "audio/mpeg"), Map.entry("m4a", "audio/mp4"),
      Map.entry("ogg", "audio/ogg"), Map.entry("oga", "audio/ogg"), Map.entry("opus", "audio/opus"),
      Map.entry("wav", "audio/wav"), Map.entry("flac", "audio/flac"));

  private MimeTypes() {}

  /**
   * The type its extension says, else {@code <kind>/*} when the platform says the kind ("image",
   * "video", "audio"), else null.
   */
  static String guess(String url, String kind) {
    if (url != null) {
      String path = url;
      int cut = indexOfAny(path, '?', '#');
      if (cut >= 0) {
        path = path.substring(0, cut);
      }
      int dot = path.lastIndexOf('.');
      if (dot > path.lastIndexOf('/')) {
        String type = BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type != null) {
          return type;
        }
      }
    }
    if (kind == null) {
      return null;
    }
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "image", "photo" -> "image/*";
      case "video", "gifv", "animated_gif" -> "video/*";
      case "audio" -> "audio/*";
      default -> null;
    };
  }

  private static int indexOfAny(String s, char a, char b) {
    int i = s.indexOf(a);
    int j = s.indexOf(b);
    return i < 0 ? j : (j < 0 ? i : Math.min(i, j));
  }
}

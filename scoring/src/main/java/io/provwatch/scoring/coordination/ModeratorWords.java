package io.provwatch.scoring.coordination;

/** How coordination and burst reasons name objects and durations for a moderator. */
final class ModeratorWords {
  private ModeratorWords() {}

  /** e.g. {@code 2 min}, {@code 45 s}, {@code 1 h 30 min}. */
  static String duration(long ms) {
    long seconds = Math.max(0, ms) / 1000;
    if (seconds < 60) {
      return seconds + " s";
    }
    long minutes = seconds / 60;
    if (minutes < 60) {
      return minutes + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
    long hours = minutes / 60;
    if (hours < 48) {
      return hours + " h" + (minutes % 60 == 0 ? "" : " " + minutes % 60 + " min");
    }
    return hours / 24 + " days";
  }

  /** What sharing the object means, e.g. {@code posted the same link (example.org/a)}. */
  static String sharing(String kind, String label) {
    return switch (kind) {
      case SharedObject.TEXT -> "posted near-identical text (" + shown(kind, label) + ")";
      default -> "posted the same " + noun(kind) + " (" + shown(kind, label) + ")";
    };
  }

  /** The object as a subject, e.g. {@code this link (example.org/a)}. */
  static String object(String kind, String label) {
    return (SharedObject.HASHTAGS.equals(kind) ? "these " : "this ") + noun(kind) + " (" + shown(kind, label) + ")";
  }

  private static String noun(String kind) {
    return switch (kind) {
      case SharedObject.URL -> "link";
      case SharedObject.MEDIA -> "picture or video";
      default -> kind;
    };
  }

  private static String shown(String kind, String label) {
    return SharedObject.TEXT.equals(kind) ? "\"" + label + "\"" : label;
  }
}

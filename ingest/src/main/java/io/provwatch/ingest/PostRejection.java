package io.provwatch.ingest;

/** Why an input could not become a {@code Post}: a stable code and a message naming the field and value. */
public record PostRejection(Code code, String message) {
  /** Stable, machine-readable rejection codes; they end up in {@code DeadLetter.errorCode}. */
  public enum Code {
    MALFORMED_JSON, NOT_AN_OBJECT, MISSING_FIELD, INVALID_FIELD, ID_PLATFORM_MISMATCH, TOO_LARGE, TOO_MANY_ITEMS, PUBLISH_FAILED
  }

  public static PostRejection of(Code code, String message) {
    return new PostRejection(code, message);
  }
}

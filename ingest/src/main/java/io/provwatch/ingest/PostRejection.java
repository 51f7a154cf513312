package io.provwatch.ingest;

/** Why an input could not become a {@code Post}: a stable code and a message naming the field and value. */
public record PostRejection(Code code, String message) {
  /** Stable, machine-readable rejection codes; they end up in {@code DeadLetter.errorCode}. */
  public enum Code {
    MALFORMED_JSON, NOT_AN_OBJECT, MISSING_FIELD, INVALID_FIELD, ID_PLATFORM_MISMATCH, TOO_LARGE, TOO_MANY_ITEMS, PUBLISH_FAILED,
    /** Not well-formed XML, or XML that is no RSS, Atom or RDF feed. */
    MALFORMED_XML,
    /** CSV that cannot be read: an unterminated quote, a missing header or a mapped column it lacks. */
    MALFORMED_CSV,
    /** Well-formed input of a shape the format does not know, e.g. a JSON object that is no status nor event. */
    UNRECOGNISED_SHAPE,
    /** A {@code createdAt} outside the window ingest accepts ({@code ingest.max.age.ms}, {@code ingest.max.skew.ms}). */
    CREATED_AT_OUT_OF_RANGE,
    /** A format adapter failed unexpectedly; a bug to fix, reported with the input instead of thrown. */
    ADAPTER_FAILURE
  }

  public static PostRejection of(Code code, String message) {
    return new PostRejection(code, message);
  }
}

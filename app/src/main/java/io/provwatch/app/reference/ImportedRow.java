package io.provwatch.app.reference;

/**
 * What one row (line, JSON item) of an import file became: a record to publish under its key, a
 * rejection with a stable code and a message naming the field and value (dead-lettered with the raw
 * row), or an item deliberately left out (e.g. a non-ClaimReview node of a JSON-LD graph).
 *
 * @param <V> the record type, e.g. {@code FactCheck}
 */
public sealed interface ImportedRow<V> {
  /** Line in the file where the row starts (1-based). */
  long line();

  record Accepted<V>(long line, String key, V value) implements ImportedRow<V> {}

  record Rejected<V>(long line, Code code, String message, String raw) implements ImportedRow<V> {}

  record Skipped<V>(long line, String why) implements ImportedRow<V> {}

  /** Stable rejection codes; they end up in {@code DeadLetter.errorCode}. */
  enum Code {
    /** Not JSON, or JSON cut short. */
    MALFORMED_JSON,
    /** A CSV or TSV row that cannot be read: too few columns, an unterminated quote, no header. */
    MALFORMED_ROW,
    MISSING_FIELD,
    INVALID_FIELD
  }
}

package io.provwatch.ingest.formats;

import io.provwatch.ingest.PostRejection;
import io.provwatch.ingest.PostRejection.Code;

/**
 * Unwinds an adapter's field walk at the first problem. Adapters catch it per item and turn it into
 * a {@code ParseResult.Rejected}; it never leaves a {@link PostFormat}.
 */
final class InvalidInput extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final transient PostRejection rejection;

  InvalidInput(Code code, String message) {
    super(message, null, false, false);
    this.rejection = PostRejection.of(code, message);
  }

  static InvalidInput missing(String path) {
    return new InvalidInput(Code.MISSING_FIELD, "missing required field '" + path + "'");
  }

  static InvalidInput invalid(String path, String expected, Object got) {
    return new InvalidInput(Code.INVALID_FIELD, "'" + path + "' must be " + expected + ", got " + abbreviate(String.valueOf(got)));
  }

  /** Keeps messages short when a value is huge. */
  static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}

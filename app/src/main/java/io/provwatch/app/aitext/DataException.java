package io.provwatch.app.aitext;

/** The labelled data cannot be read: missing directory or file, or a file not in the expected format. */
public final class DataException extends RuntimeException {
  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}

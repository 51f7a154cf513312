package io.provwatch.app.replay;

/** A replay that cannot run as asked (bad range, no posts, unknown model, used run id): one line for the user. */
public final class ReplayException extends RuntimeException {
  public ReplayException(String message) {
    super(message);
  }

  public ReplayException(String message, Throwable cause) {
    super(message, cause);
  }
}

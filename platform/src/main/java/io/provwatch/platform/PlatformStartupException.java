package io.provwatch.platform;

/** A platform component (broker, registry, HTTP endpoint) could not start; the message says which and why. */
public class PlatformStartupException extends RuntimeException {
  public PlatformStartupException(String message) {
    super(message);
  }

  public PlatformStartupException(String message, Throwable cause) {
    super(message, cause);
  }
}

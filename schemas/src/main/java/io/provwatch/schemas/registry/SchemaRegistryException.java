package io.provwatch.schemas.registry;

/**
 * A registry call that failed. Keeps the Confluent error code (40401 subject not found, 40402 version
 * not found, 40403 schema not found, 409 incompatible, 42201 invalid schema, 50001 backend error, ...)
 * and the HTTP status, so callers can react to the code rather than parse the message.
 */
public class SchemaRegistryException extends RuntimeException {
  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  /** GET /config/{subject} for a subject without a level of its own (Confluent, without defaultToGlobal). */
  public static final int SUBJECT_LEVEL_NOT_CONFIGURED = 40408;
  public static final int INCOMPATIBLE_SCHEMA = 409;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
  public static final int BACKEND_STORE_ERROR = 50001;
  public static final int OPERATION_TIMEOUT = 50002;
  public static final int FORWARDING_ERROR = 50003;
  /** Not a Confluent code: the registry could not be reached at all. */
  public static final int UNREACHABLE = -1;

  private final int errorCode;
  private final int httpStatus;

  public SchemaRegistryException(int errorCode, int httpStatus, String message) {
    this(errorCode, httpStatus, message, null);
  }

  public SchemaRegistryException(int errorCode, int httpStatus, String message, Throwable cause) {
    super(message + " (error code " + errorCode + ")", cause);
    this.errorCode = errorCode;
    this.httpStatus = httpStatus;
  }

  public int errorCode() {
    return errorCode;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** True for "not found" codes (404xx), which callers often treat as an empty answer. */
  public boolean isNotFound() {
    return errorCode / 100 == 404;
  }
}

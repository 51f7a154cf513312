package io.provwatch.platform.kafka;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/** One line a user can act on for a Kafka client failure: what went wrong and which setting to look at. */
public final class KafkaFailures {
  private KafkaFailures() {}

  /** The failure's message, with the settings to check when Kafka refused the connection or the request. */
  public static String explain(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t && !(t instanceof AuthenticationException) && !(t instanceof AuthorizationException)) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (t instanceof SslAuthenticationException) {
      return "TLS handshake with Kafka failed (" + firstLine(message) + "); check kafka.ssl.truststore.location and the broker's certificate";
    }
    if (t instanceof AuthenticationException) {
      return "Kafka refused the credentials (" + firstLine(message) + "); check the user and password in kafka.sasl.jaas.config"
          + " and kafka.sasl.mechanism";
    }
    if (t instanceof AuthorizationException) {
      return "Kafka denied the request (" + firstLine(message) + "); the user lacks an ACL (docs/security.md lists what each stage needs)";
    }
    return message;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

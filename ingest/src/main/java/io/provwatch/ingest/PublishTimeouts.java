package io.provwatch.ingest;

import java.time.Duration;

/**
 * How long ingest's writes to Kafka may take ({@link PostPublisher}'s producer settings) and, derived
 * from them, how long the HTTP handler waits for their outcome. Kept apart from the publisher so that
 * the handler needs no Kafka class (its fuzz test runs without Kafka's jars).
 */
public final class PublishTimeouts {
  /** Longest a send waits for metadata or buffer space while Kafka is unreachable (Kafka's default 60 s). */
  public static final Duration MAX_BLOCK = Duration.ofSeconds(5);
  /**
   * Longest from send to a final outcome (Kafka's default 120 s): a write not acknowledged by then has
   * failed for good, so a client told "failed" (after {@link #MAX_BLOCK} + this) can retry without the
   * first attempt landing later as well.
   */
  public static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(20);
  /** One request to a broker. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** What the HTTP handler waits for acks: past this every write has its final outcome, so a failure it reports is final. */
  public static final Duration ACK_WAIT = MAX_BLOCK.plus(DELIVERY_TIMEOUT).plusSeconds(5);

  private PublishTimeouts() {}
}

package io.provwatch.scoring.secondtier;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Closed: calls pass, consecutive failures are counted. At {@code failures} it opens: no call passes
 * for {@code open}. Then it is half-open: one trial call passes; its success closes the breaker, its
 * failure opens it again. Thread-safe.
 */
public final class CircuitBreaker {
  public enum State { CLOSED, OPEN, HALF_OPEN }

  private final int failures;
  private final long openNanos;
  private final LongSupplier nanoClock;
  private int consecutiveFailures;
  private long openedAt;
  private State state = State.CLOSED;
  private boolean trialUnderWay;

  public CircuitBreaker(int failures, Duration open, LongSupplier nanoClock) {
    this.failures = failures;
    this.openNanos = open.toNanos();
    this.nanoClock = nanoClock;
  }

  /** Whether a call may go out now; in half-open state only one trial at a time. */
  public synchronized boolean tryAcquire() {
    if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= openNanos) {
      state = State.HALF_OPEN;
      trialUnderWay = false;
    }
    return switch (state) {
      case CLOSED -> true;
      case OPEN -> false;
      case HALF_OPEN -> {
        if (trialUnderWay) {
          yield false;
        }
        trialUnderWay = true;
        yield true;
      }
    };
  }

  public synchronized void onSuccess() {
    consecutiveFailures = 0;
    state = State.CLOSED;
    trialUnderWay = false;
  }

  public synchronized void onFailure() {
    consecutiveFailures++;
    if (state == State.HALF_OPEN || consecutiveFailures >= failures) {
      state = State.OPEN;
      openedAt = nanoClock.getAsLong();
      trialUnderWay = false;
    }
  }

  public synchronized State state() {
    if (state == State.OPEN && nanoClock.getAsLong() - openedAt >= openNanos) {
      return State.HALF_OPEN;
    }
    return state;
  }
}

package io.provwatch.ingest.formats;

import io.provwatch.ingest.PostRejection;
import io.provwatch.ingest.PostRejection.Code;
import io.provwatch.platform.config.ProvwatchConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code createdAt} a client may claim: within [now - {@value ProvwatchConfig#INGEST_MAX_AGE_MS},
 * now + {@value ProvwatchConfig#INGEST_MAX_SKEW_MS}]. The copy check takes the earliest {@code createdAt}
 * as the original, so an unbounded claim would let a copy backdated to 1970 turn its original into the
 * "copy"; a post outside the window is rejected ({@link Code#CREATED_AT_OUT_OF_RANGE}) and dead-lettered.
 * Imports of old posts widen the age bound explicitly ({@link #NONE}, or a larger {@code ingest.max.age.ms}).
 */
public record CreatedAtBounds(Optional<Duration> maxAge, Duration maxSkew) {
  /** No bound at all: file imports and back-fills, whose posts are old by nature; tests. */
  public static final CreatedAtBounds NONE = new CreatedAtBounds(Optional.empty(), Duration.ofMillis(Long.MAX_VALUE));

  /** The bounds of {@code config}; an age of -1 means none. */
  public static CreatedAtBounds fromConfig(ProvwatchConfig config) {
    long maxAgeMs = config.getLong(ProvwatchConfig.INGEST_MAX_AGE_MS);
    return new CreatedAtBounds(maxAgeMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(maxAgeMs)),
        Duration.ofMillis(config.getLong(ProvwatchConfig.INGEST_MAX_SKEW_MS)));
  }

  /** The same bounds without the age limit, keeping the future one: what a back-fill asks for. */
  public CreatedAtBounds withoutMaxAge() {
    return new CreatedAtBounds(Optional.empty(), maxSkew);
  }

  /** Why {@code createdAt} is not acceptable at {@code now}, or empty when it is. */
  public Optional<PostRejection> check(Instant createdAt, Instant now) {
    if (maxSkew.toMillis() != Long.MAX_VALUE && createdAt.isAfter(now.plus(maxSkew))) {
      return Optional.of(PostRejection.of(Code.CREATED_AT_OUT_OF_RANGE, "'createdAt' " + createdAt + " is more than "
          + ProvwatchConfig.INGEST_MAX_SKEW_MS + "=" + maxSkew.toMillis() + " ms ahead of this server's clock (" + now + ")"));
    }
    if (maxAge.isPresent() && createdAt.isBefore(now.minus(maxAge.get()))) {
      return Optional.of(PostRejection.of(Code.CREATED_AT_OUT_OF_RANGE, "'createdAt' " + createdAt + " is older than "
          + ProvwatchConfig.INGEST_MAX_AGE_MS + "=" + maxAge.get().toMillis() + " ms (" + maxAge.get()
          + "); an import of older posts sets a larger bound explicitly"));
    }
    return Optional.empty();
  }
}

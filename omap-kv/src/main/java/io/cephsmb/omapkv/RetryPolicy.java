package io.cephsmb.omapkv;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a transaction retries after a conflict: up to {@code maxAttempts} tries, waiting a random
 * time between zero and an exponentially growing bound ({@code baseDelay * 2^(attempt-1)}, capped
 * at {@code maxDelay}) between tries ("full jitter", so contenders spread out).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

  /** 64 attempts, 200 µs base, 20 ms cap. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(64, Duration.ofNanos(200_000), Duration.ofMillis(20));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1");
    }
  }

  /** The delay before attempt {@code attempt + 1}, after {@code attempt} failed (1-based). */
  public long delayNanos(int attempt) {
    long cap = maxDelay.toNanos();
    long bound = baseDelay.toNanos() << Math.min(attempt - 1, 30);
    if (bound <= 0 || bound > cap) {
      bound = cap;
    }
    return bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1);
  }
}

package io.cephsmb.gateway.server;

import io.cephsmb.gateway.msnlmp.NtlmCrypto;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link UserDirectory} in memory, for tests and the embedded default. Thread-safe. */
public final class InMemoryUserDirectory implements UserDirectory {
  private final Map<String, byte[]> hashes = new ConcurrentHashMap<>();

  /** Adds or replaces a user with a password. */
  public InMemoryUserDirectory add(String user, String password) {
    hashes.put(key(user), NtlmCrypto.ntHash(password));
    return this;
  }

  /** Removes a user. */
  public void remove(String user) {
    hashes.remove(key(user));
  }

  @Override
  public CompletableFuture<Optional<byte[]>> ntHash(String user) {
    byte[] h = hashes.get(key(user));
    return CompletableFuture.completedFuture(Optional.ofNullable(h == null ? null : h.clone()));
  }

  private static String key(String user) {
    return user.toLowerCase(Locale.ROOT);
  }
}

package io.cephsmb.gateway.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link ShareRegistry} in memory, for tests and the embedded default. Thread-safe. */
public final class InMemoryShareRegistry implements ShareRegistry {
  private final Map<String, ShareDefinition> shares = new ConcurrentHashMap<>();

  /** Adds or replaces a share. */
  public InMemoryShareRegistry add(ShareDefinition share) {
    shares.put(share.name().toLowerCase(Locale.ROOT), share);
    return this;
  }

  @Override
  public CompletableFuture<Optional<ShareDefinition>> lookup(String name) {
    return CompletableFuture.completedFuture(
        Optional.ofNullable(shares.get(name.toLowerCase(Locale.ROOT))));
  }

  @Override
  public CompletableFuture<List<ShareDefinition>> list() {
    return CompletableFuture.completedFuture(new ArrayList<>(shares.values()));
  }
}

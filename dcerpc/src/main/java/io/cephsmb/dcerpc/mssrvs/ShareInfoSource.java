package io.cephsmb.dcerpc.mssrvs;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Where srvsvc gets the shares it lists (the gateway's configuration; a fixed list in tests). */
@FunctionalInterface
public interface ShareInfoSource {
  /** Every share, IPC$ included, in the order to list them. */
  CompletionStage<List<ShareInfo>> shares();

  /** The share named {@code name} (case-insensitively), if any. */
  default CompletionStage<Optional<ShareInfo>> find(String name) {
    return shares()
        .thenApply(all -> all.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst());
  }

  /** A fixed list. */
  static ShareInfoSource of(List<ShareInfo> shares) {
    List<ShareInfo> copy = List.copyOf(shares);
    return () -> CompletableFuture.completedFuture(copy);
  }
}

package io.cephsmb.gateway.server;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The shares TREE_CONNECT can reach. IPC$ is built into the server and never looked up here.
 * Implementations may be remote (the RADOS config object), so answers are futures.
 */
public interface ShareRegistry {
  /** The share named {@code name} (case-insensitively), or empty. */
  CompletableFuture<Optional<ShareDefinition>> lookup(String name);

  /** All shares, for share enumeration. */
  CompletableFuture<List<ShareDefinition>> list();
}

package io.cephsmb.gateway.server;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where SESSION_SETUP finds users: the NT hash (MD4 of the UTF-16LE password, [MS-NLMP] 3.3.1) by
 * user name. Names match case-insensitively, as Windows does. Implementations may be remote (the
 * RADOS passdb), so the answer is a future; it must not complete on a Netty event loop with
 * blocking work.
 */
public interface UserDirectory {
  /** The 16-byte NT hash of {@code user}, or empty when there is no such (enabled) user. */
  CompletableFuture<Optional<byte[]>> ntHash(String user);
}

package io.cephsmb.gateway.daemon;

import io.cephsmb.gateway.config.PassDb;
import io.cephsmb.gateway.server.UserDirectory;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The users of the gateway cluster, from {@code passdb} in RADOS. */
public final class RadosUserDirectory implements UserDirectory {
  private final PassDb passDb;

  public RadosUserDirectory(PassDb passDb) {
    this.passDb = passDb;
  }

  @Override
  public CompletableFuture<Optional<byte[]>> ntHash(String user) {
    return passDb.ntHash(user);
  }
}

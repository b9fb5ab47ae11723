package io.cephsmb.gateway.daemon;

import io.cephsmb.gateway.config.ShareConfig;
import io.cephsmb.gateway.config.ShareRecord;
import io.cephsmb.gateway.server.ShareDefinition;
import io.cephsmb.gateway.server.ShareRegistry;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The shares of the gateway cluster, from {@code config} in RADOS (read at every lookup). */
public final class RadosShareRegistry implements ShareRegistry {
  private final ShareConfig config;

  public RadosShareRegistry(ShareConfig config) {
    this.config = config;
  }

  static ShareDefinition definition(ShareRecord s) {
    return new ShareDefinition(
        s.name(),
        s.path(),
        s.comment(),
        s.readOnly(),
        s.encryptData(),
        s.continuouslyAvailable(),
        s.caseSensitive());
  }

  @Override
  public CompletableFuture<Optional<ShareDefinition>> lookup(String name) {
    return config.lookup(name).thenApply(o -> o.map(RadosShareRegistry::definition));
  }

  @Override
  public CompletableFuture<List<ShareDefinition>> list() {
    return config.list().thenApply(l -> l.stream().map(RadosShareRegistry::definition).toList());
  }
}

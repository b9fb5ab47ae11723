package io.cephsmb.gateway.config;

import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.ReadSet;
import io.cephsmb.omapkv.RecordCodec;
import io.cephsmb.omapkv.Records;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What {@link PassDb} and {@link ShareConfig} do alike on their objects. */
final class ConfigObjects {
  private ConfigObjects() {}

  /** Removes {@code key}; fails with {@link ConfigException}({@code missing}) if it is absent. */
  static CompletableFuture<Void> removeExisting(
      KvStore kv, String oid, String key, String missing) {
    return kv.update(
        oid,
        ReadSet.of(key),
        txn -> {
          if (txn.get(key).isEmpty()) {
            throw new ConfigException(missing);
          }
          txn.remove(key);
          return null;
        });
  }

  /** Every record under {@code prefix}, decoded, in key order. */
  static <T> CompletableFuture<List<T>> listAll(
      KvStore kv, String oid, String prefix, RecordCodec<T> codec) {
    return kv.listAll(oid, prefix)
        .thenApply(m -> m.values().stream().map(b -> Records.decode(codec, b).value()).toList());
  }
}

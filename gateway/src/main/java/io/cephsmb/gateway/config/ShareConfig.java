package io.cephsmb.gateway.config;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.ReadSet;
import io.cephsmb.omapkv.Records;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * Shares and global settings of a gateway cluster, in the {@code config} object: {@code
 * share.<lower-case name>} records and the {@code global} record.
 */
public final class ShareConfig {
  /** The object holding shares and settings. */
  public static final String OID = "config";

  static final String SHARE_PREFIX = "share.";
  static final String GLOBAL = "global";

  private final KvStore kv;

  public ShareConfig(KvStore kv) {
    this.kv = kv;
  }

  static String key(String name) {
    if (name.isEmpty()
        || name.length() > 80
        || name.chars().anyMatch(c -> c < 0x20 || "\\/:*?\"<>|".indexOf(c) >= 0)
        || name.equalsIgnoreCase("IPC$")) {
      throw new ConfigException("invalid share name: '" + name + "'");
    }
    return SHARE_PREFIX + name.toLowerCase(Locale.ROOT);
  }

  /** Adds a share; fails with {@link ConfigException} if one of that name exists. */
  public CompletableFuture<ShareRecord> add(ShareRecord s) {
    String k = key(s.name());
    validatePath(s.path());
    return kv.update(
        OID,
        ReadSet.of(k),
        txn -> {
          if (txn.get(k).isPresent()) {
            throw new ConfigException("share " + s.name() + " exists");
          }
          txn.set(k, Records.encode(ShareRecord.CODEC, 1, s));
          return s;
        });
  }

  /** Changes a share; fails with {@link ConfigException} if there is no such share. */
  public CompletableFuture<ShareRecord> update(String name, UnaryOperator<ShareRecord> change) {
    String k = key(name);
    return kv.update(
        OID,
        ReadSet.of(k),
        txn -> {
          Records.Versioned<ShareRecord> cur =
              txn.get(k)
                  .map(b -> Records.decode(ShareRecord.CODEC, b))
                  .orElseThrow(() -> new ConfigException("no share " + name));
          ShareRecord next = change.apply(cur.value());
          validatePath(next.path());
          txn.set(k, Records.encode(ShareRecord.CODEC, cur.seqnum() + 1, next));
          return next;
        });
  }

  /** Deletes a share; fails with {@link ConfigException} if there is no such share. */
  public CompletableFuture<Void> delete(String name) {
    return ConfigObjects.removeExisting(kv, OID, key(name), "no share " + name);
  }

  /** The share, if any (case-insensitive). */
  public CompletableFuture<Optional<ShareRecord>> lookup(String name) {
    String k;
    try {
      k = key(name);
    } catch (ConfigException e) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    return kv.get(OID, k)
        .thenApply(
            m ->
                Optional.ofNullable(m.get(k))
                    .map(b -> Records.decode(ShareRecord.CODEC, b).value()));
  }

  /** Every share. */
  public CompletableFuture<List<ShareRecord>> list() {
    return ConfigObjects.listAll(kv, OID, SHARE_PREFIX, ShareRecord.CODEC);
  }

  /** The global settings, created with a random server GUID on first use. */
  public CompletableFuture<GlobalConfig> global() {
    return kv.update(
        OID,
        ReadSet.of(GLOBAL),
        txn -> {
          Optional<Bytes> cur = txn.get(GLOBAL);
          if (cur.isPresent()) {
            return Records.decode(GlobalConfig.CODEC, cur.get()).value();
          }
          byte[] guid = new byte[16];
          new SecureRandom().nextBytes(guid);
          GlobalConfig g = new GlobalConfig(Bytes.wrap(guid), false, false);
          txn.set(GLOBAL, Records.encode(GlobalConfig.CODEC, 1, g));
          return g;
        });
  }

  /** Changes the global settings (keeping the server GUID). */
  public CompletableFuture<GlobalConfig> setGlobal(boolean signingRequired, boolean encryptData) {
    return global()
        .thenCompose(
            g ->
                kv.update(
                    OID,
                    ReadSet.of(GLOBAL),
                    txn -> {
                      GlobalConfig next =
                          new GlobalConfig(g.serverGuid(), signingRequired, encryptData);
                      long seq =
                          txn.get(GLOBAL)
                              .map(b -> Records.decode(GlobalConfig.CODEC, b).seqnum() + 1)
                              .orElse(1L);
                      txn.set(GLOBAL, Records.encode(GlobalConfig.CODEC, seq, next));
                      return next;
                    }));
  }

  /** A share path is absolute inside CephFS, without empty, "." or ".." components. */
  static void validatePath(String path) {
    if (!path.startsWith("/")) {
      throw new ConfigException("share path must be absolute inside CephFS: " + path);
    }
    for (String c : path.substring(1).split("/", -1)) {
      if (path.equals("/")) {
        break;
      }
      if (c.isEmpty() || c.equals(".") || c.equals("..") || c.indexOf('\0') >= 0) {
        throw new ConfigException("invalid share path: " + path);
      }
    }
  }
}

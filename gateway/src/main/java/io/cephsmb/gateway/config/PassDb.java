package io.cephsmb.gateway.config;

import io.cephsmb.omapkv.BodyReader;
import io.cephsmb.omapkv.BodyWriter;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.ReadSet;
import io.cephsmb.omapkv.RecordCodec;
import io.cephsmb.omapkv.Records;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The users of a gateway cluster, in the {@code passdb} object: {@code user.<lower-case name>}
 * records and the {@code next-rid} counter. Every change is one guarded transaction, so two
 * administrators adding the same user at once get one success and one clear error.
 */
public final class PassDb {
  /** The object holding the users. */
  public static final String OID = "passdb";

  static final String USER_PREFIX = "user.";
  static final String NEXT_RID = "next-rid";

  /** The first RID handed to a user (below are well-known accounts). */
  public static final int FIRST_RID = 1000;

  /** The next RID to hand out, key {@code next-rid}. */
  public record NextRid(int rid) {
    public static final RecordCodec<NextRid> CODEC =
        new RecordCodec<>() {
          @Override
          public String type() {
            return "next-rid";
          }

          @Override
          public int version() {
            return 1;
          }

          @Override
          public Bytes encode(NextRid n) {
            return new BodyWriter().i32(n.rid()).toBytes();
          }

          @Override
          public NextRid decode(int version, Bytes body) {
            return new NextRid(new BodyReader(type(), body).i32("rid"));
          }
        };
  }

  private final KvStore kv;

  public PassDb(KvStore kv) {
    this.kv = kv;
  }

  static String key(String name) {
    if (name.isEmpty() || name.length() > 256 || name.chars().anyMatch(c -> c < 0x20)) {
      throw new ConfigException("invalid user name: '" + name + "'");
    }
    return USER_PREFIX + name.toLowerCase(Locale.ROOT);
  }

  /** Adds a user; fails with {@link ConfigException} if one of that name exists. */
  public CompletableFuture<UserRecord> add(String name, Bytes ntHash, int uid, int gid) {
    String k = key(name);
    return kv.update(
        OID,
        ReadSet.of(k, NEXT_RID),
        txn -> {
          if (txn.get(k).isPresent()) {
            throw new ConfigException("user " + name + " exists");
          }
          int rid =
              txn.get(NEXT_RID)
                  .map(b -> Records.decode(NextRid.CODEC, b).value().rid())
                  .orElse(FIRST_RID);
          UserRecord u = new UserRecord(name, ntHash, rid, uid, gid, false);
          txn.set(k, Records.encode(UserRecord.CODEC, 1, u));
          txn.set(NEXT_RID, Records.encode(NextRid.CODEC, rid + 1L, new NextRid(rid + 1)));
          return u;
        });
  }

  /** Replaces a user's NT hash; fails with {@link ConfigException} if there is no such user. */
  public CompletableFuture<UserRecord> setHash(String name, Bytes ntHash) {
    String k = key(name);
    return kv.update(
        OID,
        ReadSet.of(k),
        txn -> {
          Records.Versioned<UserRecord> cur =
              txn.get(k)
                  .map(b -> Records.decode(UserRecord.CODEC, b))
                  .orElseThrow(() -> new ConfigException("no user " + name));
          UserRecord u = cur.value().withHash(ntHash);
          txn.set(k, Records.encode(UserRecord.CODEC, cur.seqnum() + 1, u));
          return u;
        });
  }

  /** Deletes a user; fails with {@link ConfigException} if there is no such user. */
  public CompletableFuture<Void> delete(String name) {
    return ConfigObjects.removeExisting(kv, OID, key(name), "no user " + name);
  }

  /** The user, if any. */
  public CompletableFuture<Optional<UserRecord>> get(String name) {
    String k = key(name);
    return kv.get(OID, k)
        .thenApply(
            m ->
                Optional.ofNullable(m.get(k))
                    .map(b -> Records.decode(UserRecord.CODEC, b).value()));
  }

  /** The NT hash of an enabled user, for logons. */
  public CompletableFuture<Optional<byte[]>> ntHash(String name) {
    return get(name).thenApply(u -> u.filter(x -> !x.disabled()).map(x -> x.ntHash().toArray()));
  }

  /** Every user, by lower-case name. */
  public CompletableFuture<List<UserRecord>> list() {
    return ConfigObjects.listAll(kv, OID, USER_PREFIX, UserRecord.CODEC);
  }
}

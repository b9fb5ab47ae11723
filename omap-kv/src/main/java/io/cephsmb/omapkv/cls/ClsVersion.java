package io.cephsmb.omapkv.cls;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.WriteOp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * cls_version: an application-level version {@code (ver, tag)} kept by the OSD in the object's
 * {@code ceph.objclass.version} xattr. {@code inc} creates it as version 1 with a random tag if
 * absent, then increments it, optionally only if conditions on the current version hold (else the
 * whole operation fails with ECANCELED, a {@link io.cephsmb.omapkv.GuardFailedException}); {@code
 * set} stores a version; {@code check_conds} is a guard; {@code read} answers the current version
 * ({@code (0, "")} when none is stored).
 */
public final class ClsVersion {
  private ClsVersion() {}

  static final String CLS = "version";

  /** The object's version; {@code ver} 0 and an empty tag mean none. */
  public record ObjVersion(long ver, String tag) {
    void encode(CephEncoding.Writer w) {
      w.struct(1, 1, s -> s.u64(ver).string(tag));
    }

    static ObjVersion decode(CephEncoding.Reader r) {
      CephEncoding.Reader s = r.struct(1);
      return new ObjVersion(s.u64(), s.string());
    }
  }

  /** A condition on the current version (the stored one is compared with the given one). */
  public enum Cond {
    /** always true */
    NONE(0),
    /** same number and tag */
    EQ(1),
    /** stored number greater */
    GT(2),
    /** stored number greater or equal */
    GE(3),
    /** stored number smaller */
    LT(4),
    /** stored number smaller or equal */
    LE(5),
    /** same tag */
    TAG_EQ(6),
    /** another tag */
    TAG_NE(7);

    private final int code;

    Cond(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    static Cond of(long code) {
      for (Cond c : values()) {
        if (c.code == code) {
          return c;
        }
      }
      return null;
    }

    /** Whether {@code stored} satisfies this condition against {@code given}. */
    public boolean test(ObjVersion stored, ObjVersion given) {
      return switch (this) {
        case NONE -> true;
        case EQ -> stored.ver() == given.ver() && stored.tag().equals(given.tag());
        case GT -> Long.compareUnsigned(stored.ver(), given.ver()) > 0;
        case GE -> Long.compareUnsigned(stored.ver(), given.ver()) >= 0;
        case LT -> Long.compareUnsigned(stored.ver(), given.ver()) < 0;
        case LE -> Long.compareUnsigned(stored.ver(), given.ver()) <= 0;
        case TAG_EQ -> stored.tag().equals(given.tag());
        case TAG_NE -> !stored.tag().equals(given.tag());
      };
    }
  }

  /** One condition: {@code cond} of the stored version against {@code ver}. */
  public record Condition(ObjVersion ver, Cond cond) {}

  /** Increments the version (creating it as 1 with a random tag first if there is none). */
  public static WriteOp.Exec inc() {
    return incIf(List.of());
  }

  /** Increments the version if every condition holds; else the operation fails (ECANCELED). */
  public static WriteOp.Exec incIf(List<Condition> conds) {
    return new WriteOp.Exec(CLS, "inc_conds", encodeConds(new ObjVersion(0, ""), conds));
  }

  /** Stores {@code v} as the version. */
  public static WriteOp.Exec set(ObjVersion v) {
    CephEncoding.Writer w = new CephEncoding.Writer();
    w.struct(1, 1, v::encode);
    return new WriteOp.Exec(CLS, "set", w.toBytes());
  }

  /** A guard: the operation fails (ECANCELED) unless every condition holds. */
  public static WriteOp.Exec check(List<Condition> conds) {
    return new WriteOp.Exec(CLS, "check_conds", encodeConds(new ObjVersion(0, ""), conds));
  }

  /** The object's stored version ({@code (0, "")} if none). */
  public static CompletableFuture<ObjVersion> read(ObjectStore store, String oid) {
    return store.exec(oid, CLS, "read", Bytes.EMPTY).thenApply(ClsVersion::decodeReadResult);
  }

  static Bytes encodeConds(ObjVersion objv, List<Condition> conds) {
    CephEncoding.Writer w = new CephEncoding.Writer();
    w.struct(
        1,
        1,
        s -> {
          objv.encode(s);
          s.u32(conds.size());
          for (Condition c : conds) {
            s.struct(
                1,
                1,
                cs -> {
                  c.ver().encode(cs);
                  cs.u32(c.cond().code());
                });
          }
        });
    return w.toBytes();
  }

  static List<Condition> decodeConds(Bytes in) {
    CephEncoding.Reader r = new CephEncoding.Reader(in, "cls_version input").struct(1);
    ObjVersion.decode(r);
    long n = r.u32();
    List<Condition> out = new ArrayList<>();
    for (long i = 0; i < n; i++) {
      CephEncoding.Reader c = r.struct(1);
      ObjVersion v = ObjVersion.decode(c);
      Cond cond = Cond.of(c.u32());
      out.add(new Condition(v, cond == null ? Cond.NONE : cond));
    }
    return out;
  }

  static ObjVersion decodeSet(Bytes in) {
    return ObjVersion.decode(new CephEncoding.Reader(in, "cls_version set").struct(1));
  }

  static Bytes encodeReadResult(ObjVersion v) {
    CephEncoding.Writer w = new CephEncoding.Writer();
    w.struct(1, 1, v::encode);
    return w.toBytes();
  }

  static ObjVersion decodeReadResult(Bytes out) {
    return ObjVersion.decode(new CephEncoding.Reader(out, "cls_version read").struct(1));
  }

  /** The stored form (the xattr's value) of a version. */
  static Bytes encodeStored(ObjVersion v) {
    CephEncoding.Writer w = new CephEncoding.Writer();
    v.encode(w);
    return w.toBytes();
  }

  static ObjVersion decodeStored(Bytes b) {
    return ObjVersion.decode(new CephEncoding.Reader(b, "cls_version xattr"));
  }
}

package io.cephsmb.omapkv.cls;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.GuardFailedException;
import io.cephsmb.omapkv.InvalidArgumentException;
import io.cephsmb.omapkv.KvException;
import io.cephsmb.omapkv.ObjectNotFoundException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The in-memory twin's emulation of the object classes of this package, with the semantics seen on
 * the real OSD (the contract suite runs on both): cls_version's {@code inc} creates the object and
 * starts at version 2 (it stores 1, then increments); {@code read} of a missing object is ENOENT,
 * of an object without a version {@code (0, "")}; {@code check_conds} on a missing object sees
 * version 0; cmpomap's {@code cmp_vals} on a missing object is ENOENT, {@code cmp_set_vals} creates
 * the object when it writes, {@code cmp_rm_keys} on a missing object does nothing; undecodable
 * input is EINVAL, a stored value that is not a u64 EIO in {@code cmp_vals} and a failed comparison
 * elsewhere.
 */
public final class ClassEmulation {
  private ClassEmulation() {}

  static final String VERSION_XATTR = "ceph.objclass.version";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The object as a class method sees it; mutations go to the copy being written. */
  public interface ObjectView {
    boolean exists();

    /** Makes the object exist (a write creates it). */
    void create();

    NavigableMap<String, Bytes> omap();

    Map<String, Bytes> xattrs();
  }

  /** Whether the twin emulates {@code cls.method}. */
  public static boolean emulates(String cls, String method) {
    return switch (cls) {
      case ClsVersion.CLS ->
          switch (method) {
            case "set", "inc", "inc_conds", "read", "check_conds" -> true;
            default -> false;
          };
      case ClsCmpOmap.CLS ->
          switch (method) {
            case "cmp_vals", "cmp_set_vals", "cmp_rm_keys" -> true;
            default -> false;
          };
      default -> false;
    };
  }

  /** Whether {@code cls.method} is a write method (it may change the object). */
  public static boolean writes(String cls, String method) {
    return switch (method) {
      case "set", "inc", "inc_conds", "cmp_set_vals", "cmp_rm_keys" -> true;
      default -> false;
    };
  }

  /**
   * Runs {@code cls.method} on {@code o}; returns its output. Throws the exception the real OSD's
   * answer maps to.
   */
  public static Bytes run(ObjectView o, String cls, String method, Bytes input, String at) {
    if (!emulates(cls, method)) {
      throw new InvalidArgumentException(
          Errno.EOPNOTSUPP, at + ": the twin does not emulate " + cls + "." + method);
    }
    if (cls.equals(ClsVersion.CLS)) {
      return version(o, method, input, at);
    }
    cmpomap(o, method, input, at);
    return Bytes.EMPTY;
  }

  private static Bytes version(ObjectView o, String method, Bytes input, String at) {
    switch (method) {
      case "set" -> {
        ClsVersion.ObjVersion v = ClsVersion.decodeSet(input);
        o.create();
        o.xattrs().put(VERSION_XATTR, ClsVersion.encodeStored(v));
        return Bytes.EMPTY;
      }
      case "inc", "inc_conds" -> {
        var conds = ClsVersion.decodeConds(input);
        ClsVersion.ObjVersion v = stored(o, at);
        if (v.ver() == 0 && v.tag().isEmpty()) {
          v = new ClsVersion.ObjVersion(1, randomTag());
        }
        checkConds(conds, v, at);
        o.create();
        o.xattrs()
            .put(
                VERSION_XATTR,
                ClsVersion.encodeStored(new ClsVersion.ObjVersion(v.ver() + 1, v.tag())));
        return Bytes.EMPTY;
      }
      case "check_conds" -> {
        checkConds(ClsVersion.decodeConds(input), stored(o, at), at);
        return Bytes.EMPTY;
      }
      default -> {
        // read
        if (!o.exists()) {
          throw new ObjectNotFoundException(Errno.ENOENT, at + ": ENOENT (2)");
        }
        return ClsVersion.encodeReadResult(stored(o, at));
      }
    }
  }

  private static ClsVersion.ObjVersion stored(ObjectView o, String at) {
    Bytes b = o.exists() ? o.xattrs().get(VERSION_XATTR) : null;
    if (b == null) {
      return new ClsVersion.ObjVersion(0, "");
    }
    try {
      return ClsVersion.decodeStored(b);
    } catch (InvalidArgumentException e) {
      throw new KvException(Errno.EIO, at + ": stored version does not decode: EIO (5)");
    }
  }

  private static void checkConds(
      java.util.List<ClsVersion.Condition> conds, ClsVersion.ObjVersion v, String at) {
    for (ClsVersion.Condition c : conds) {
      if (!c.cond().test(v, c.ver())) {
        throw new GuardFailedException(Errno.ECANCELED, at + ": ECANCELED (125)");
      }
    }
  }

  private static String randomTag() {
    byte[] b = new byte[18];
    RANDOM.nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  private static void cmpomap(ObjectView o, String method, Bytes input, String at) {
    boolean withMissing = !method.equals("cmp_rm_keys");
    ClsCmpOmap.Call call = ClsCmpOmap.decode(input, withMissing);
    if (call.values().size() > ClsCmpOmap.MAX_KEYS) {
      throw new InvalidArgumentException(7, at + ": E2BIG (7)");
    }
    switch (method) {
      case "cmp_vals" -> {
        if (!o.exists()) {
          throw new ObjectNotFoundException(Errno.ENOENT, at + ": ENOENT (2)");
        }
        for (Map.Entry<String, Bytes> e : call.values().entrySet()) {
          Bytes stored = o.omap().get(e.getKey());
          if (stored == null) {
            if (call.missing() == null) {
              throw new GuardFailedException(Errno.ECANCELED, at + ": ECANCELED (125)");
            }
            stored = call.missing();
          }
          int r = ClsCmpOmap.compare(call.mode(), call.op(), e.getValue(), stored);
          if (r == -Errno.EIO) {
            throw new KvException(Errno.EIO, at + ": EIO (5)");
          }
          if (r < 0) {
            throw new InvalidArgumentException(-r, at + ": EINVAL (22)");
          }
          if (r == 0) {
            throw new GuardFailedException(Errno.ECANCELED, at + ": ECANCELED (125)");
          }
        }
      }
      case "cmp_set_vals" -> {
        java.util.TreeMap<String, Bytes> writes = new java.util.TreeMap<>();
        for (Map.Entry<String, Bytes> e : call.values().entrySet()) {
          Bytes stored = o.exists() ? o.omap().get(e.getKey()) : null;
          if (stored == null) {
            if (call.missing() == null) {
              continue;
            }
            stored = call.missing();
          }
          int r = ClsCmpOmap.compare(call.mode(), call.op(), e.getValue(), stored);
          if (r == -Errno.EINVAL) {
            throw new InvalidArgumentException(Errno.EINVAL, at + ": EINVAL (22)");
          }
          if (r == 1) {
            writes.put(e.getKey(), e.getValue());
          }
        }
        if (!writes.isEmpty()) {
          o.create();
          o.omap().putAll(writes);
        }
      }
      default -> {
        // cmp_rm_keys
        if (!o.exists()) {
          return;
        }
        for (Map.Entry<String, Bytes> e : call.values().entrySet()) {
          Bytes stored = o.omap().get(e.getKey());
          if (stored == null) {
            continue;
          }
          int r = ClsCmpOmap.compare(call.mode(), call.op(), e.getValue(), stored);
          if (r == -Errno.EINVAL) {
            throw new InvalidArgumentException(Errno.EINVAL, at + ": EINVAL (22)");
          }
          if (r == 1) {
            o.omap().remove(e.getKey());
          }
        }
      }
    }
  }
}

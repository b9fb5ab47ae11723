package io.cephsmb.omapkv.cls;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.InvalidArgumentException;
import io.cephsmb.omapkv.WriteOp;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * cls_cmpomap: omap values compared server-side, key by key, as part of a write operation. In each
 * comparison the given value is the left operand and the stored value the right one ({@code given
 * OP stored}); {@link Mode#U64} compares values as little-endian u64 (an empty stored value counts
 * as 0). At most {@value #MAX_KEYS} keys per call (E2BIG beyond).
 *
 * <ul>
 *   <li>{@link #cmpVals}: a guard: every key must exist (or {@code missing} stands in) and compare
 *       true, else the operation fails with ECANCELED ({@link
 *       io.cephsmb.omapkv.GuardFailedException});
 *   <li>{@link #cmpSetVals}: writes each given value whose comparison holds (a missing key compares
 *       against {@code missing}, or is skipped without one): "set if greater", "set if absent";
 *   <li>{@link #cmpRmKeys}: removes each existing key whose comparison holds.
 * </ul>
 */
public final class ClsCmpOmap {
  private ClsCmpOmap() {}

  static final String CLS = "cmpomap";

  /** Requests with more keys are refused (E2BIG). */
  public static final int MAX_KEYS = 1000;

  /** How values are compared (librados' {@code CEPH_OSD_CMPXATTR_MODE_*} codes). */
  public enum Mode {
    /** unsigned bytes, lexicographically */
    STRING(1),
    /** little-endian u64 */
    U64(2);

    private final int code;

    Mode(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    static Mode of(int code) {
      for (Mode m : values()) {
        if (m.code == code) {
          return m;
        }
      }
      throw new InvalidArgumentException(Errno.EINVAL, "cmpomap: unknown mode " + code);
    }
  }

  /** The comparison {@code given OP stored} (librados' {@code CEPH_OSD_CMPXATTR_OP_*} codes). */
  public enum Op {
    EQ(1),
    NE(2),
    GT(3),
    GTE(4),
    LT(5),
    LTE(6);

    private final int code;

    Op(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }

    static Op of(int code) {
      for (Op o : values()) {
        if (o.code == code) {
          return o;
        }
      }
      throw new InvalidArgumentException(Errno.EINVAL, "cmpomap: unknown comparison " + code);
    }

    boolean test(int signum) {
      return switch (this) {
        case EQ -> signum == 0;
        case NE -> signum != 0;
        case GT -> signum > 0;
        case GTE -> signum >= 0;
        case LT -> signum < 0;
        case LTE -> signum <= 0;
      };
    }
  }

  /** The value of {@code v} as cls_cmpomap's u64 mode reads it. */
  public static Bytes u64(long v) {
    return new CephEncoding.Writer().u64(v).toBytes();
  }

  /** Guard: every comparison holds (missing keys compare against {@code missing}, or fail). */
  public static WriteOp.Exec cmpVals(Mode mode, Op op, Map<String, Bytes> values, Bytes missing) {
    return new WriteOp.Exec(CLS, "cmp_vals", encode(mode, op, values, missing, true));
  }

  /** Writes each value whose comparison with the stored one (or {@code missing}) holds. */
  public static WriteOp.Exec cmpSetVals(
      Mode mode, Op op, Map<String, Bytes> values, Bytes missing) {
    return new WriteOp.Exec(CLS, "cmp_set_vals", encode(mode, op, values, missing, true));
  }

  /** Removes each existing key whose comparison holds. */
  public static WriteOp.Exec cmpRmKeys(Mode mode, Op op, Map<String, Bytes> values) {
    return new WriteOp.Exec(CLS, "cmp_rm_keys", encode(mode, op, values, null, false));
  }

  private static Bytes encode(
      Mode mode, Op op, Map<String, Bytes> values, Bytes missing, boolean withMissing) {
    if (values.size() > MAX_KEYS) {
      throw new IllegalArgumentException(
          "cmpomap: " + values.size() + " keys in one call, at most " + MAX_KEYS);
    }
    SortedMap<String, Bytes> sorted = new TreeMap<>(values);
    CephEncoding.Writer w = new CephEncoding.Writer();
    w.struct(
        1,
        1,
        s -> {
          s.u8(mode.code()).u8(op.code()).u32(sorted.size());
          for (Map.Entry<String, Bytes> e : sorted.entrySet()) {
            s.string(e.getKey()).bytes(e.getValue());
          }
          if (withMissing) {
            if (missing == null) {
              s.u8(0);
            } else {
              s.u8(1).bytes(missing);
            }
          }
        });
    return w.toBytes();
  }

  /** A decoded call (for the in-memory twin). */
  record Call(Mode mode, Op op, SortedMap<String, Bytes> values, Bytes missing) {}

  static Call decode(Bytes in, boolean withMissing) {
    CephEncoding.Reader r = new CephEncoding.Reader(in, "cmpomap input").struct(1);
    Mode mode = Mode.of(r.u8());
    Op op = Op.of(r.u8());
    long n = r.u32();
    SortedMap<String, Bytes> values = new TreeMap<>();
    for (long i = 0; i < n; i++) {
      values.put(r.string(), r.bytes());
    }
    Bytes missing = null;
    if (withMissing && r.u8() != 0) {
      missing = r.bytes();
    }
    return new Call(mode, op, values, missing);
  }

  /**
   * {@code given OP stored}: 1 true, 0 false, or a negative errno (EINVAL for a given u64 that does
   * not decode, EIO for a stored one).
   */
  static int compare(Mode mode, Op op, Bytes given, Bytes stored) {
    if (mode == Mode.STRING) {
      return op.test(Integer.signum(compareUnsigned(given.toArray(), stored.toArray()))) ? 1 : 0;
    }
    if (given.length() < 8) {
      return -Errno.EINVAL;
    }
    long lhs = new CephEncoding.Reader(given, "u64").u64();
    long rhs = 0;
    if (stored.length() > 0) {
      if (stored.length() < 8) {
        return -Errno.EIO;
      }
      rhs = new CephEncoding.Reader(stored, "u64").u64();
    }
    return op.test(Long.compareUnsigned(lhs, rhs)) ? 1 : 0;
  }

  private static int compareUnsigned(byte[] a, byte[] b) {
    return java.util.Arrays.compareUnsigned(a, b);
  }
}

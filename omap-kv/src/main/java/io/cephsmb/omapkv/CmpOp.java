package io.cephsmb.omapkv;

/**
 * A comparison in a guard: the stored value (left) against the given value (right), compared as
 * unsigned bytes, lexicographically (librados string mode). The codes are librados' {@code
 * LIBRADOS_CMPXATTR_OP_*}.
 */
public enum CmpOp {
  /** stored == given */
  EQ(1),
  /** stored != given */
  NE(2),
  /** stored &gt; given */
  GT(3),
  /** stored &gt;= given */
  GTE(4),
  /** stored &lt; given */
  LT(5),
  /** stored &lt;= given */
  LTE(6);

  private final int code;

  CmpOp(int code) {
    this.code = code;
  }

  /** The librados code. */
  public int code() {
    return code;
  }

  /** Whether {@code compare(stored, given)} (a signum) satisfies this operator. */
  public boolean test(int signum) {
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

package io.cephsmb.omapkv.rados;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Ceph's wire encoding of the cls_lock inputs this package sends itself: {@code cls_lock_assert_op}
 * (for {@code assert_locked} inside a write op) and {@code cls_lock_lock_op} (for a tagged {@code
 * lock}, which {@code rados_lock_exclusive} cannot express). Both are versioned structs ({@code
 * ENCODE_START(1, 1)}: u8 version, u8 compat version, le32 length of the body); strings are le32
 * length + bytes; the lock type is a u8 ({@code LOCK_EXCLUSIVE} = 1); a {@code utime_t} is le32
 * seconds + le32 nanoseconds.
 */
final class ClsLockCodec {
  /** {@code ClsLockType::EXCLUSIVE}. */
  static final int LOCK_EXCLUSIVE = 1;

  private ClsLockCodec() {}

  /** {@code cls_lock_assert_op}: name, type, cookie, tag. */
  static byte[] assertLocked(String name, String cookie, String tag) {
    Body b = new Body();
    b.string(name);
    b.u8(LOCK_EXCLUSIVE);
    b.string(cookie);
    b.string(tag);
    return b.versioned();
  }

  /** {@code cls_lock_lock_op}: name, type, cookie, tag, description, duration, flags. */
  static byte[] lock(
      String name, String cookie, String tag, String description, Duration duration, int flags) {
    Body b = new Body();
    b.string(name);
    b.u8(LOCK_EXCLUSIVE);
    b.string(cookie);
    b.string(tag);
    b.string(description);
    b.le32((int) duration.getSeconds());
    b.le32(duration.getNano());
    b.u8(flags);
    return b.versioned();
  }

  /** A little-endian encoder for one struct body. */
  private static final class Body {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    void u8(int v) {
      out.write(v & 0xff);
    }

    void le32(int v) {
      u8(v);
      u8(v >>> 8);
      u8(v >>> 16);
      u8(v >>> 24);
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      le32(b.length);
      out.write(b, 0, b.length);
    }

    /** The body wrapped in ENCODE_START(1, 1) / ENCODE_FINISH. */
    byte[] versioned() {
      byte[] body = out.toByteArray();
      Body head = new Body();
      head.u8(1);
      head.u8(1);
      head.le32(body.length);
      head.out.write(body, 0, body.length);
      return head.out.toByteArray();
    }
  }
}

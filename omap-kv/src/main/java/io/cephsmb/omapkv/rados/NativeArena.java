package io.cephsmb.omapkv.rados;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The native memory one librados operation needs until its completion fires: zeroed out-parameter
 * slots (prval, iterators, sizes) and arrays of pointers (omap keys and values). It keeps every
 * block strongly referenced, so JNA's cleaner frees none of them early; dropping the arena after
 * the completion releases them all.
 */
final class NativeArena {
  private final List<Memory> blocks = new ArrayList<>();

  /** A zeroed block of {@code size} bytes (at least one). */
  Memory alloc(long size) {
    Memory m = new Memory(Math.max(1, size));
    m.clear();
    blocks.add(m);
    return m;
  }

  /** A zeroed {@code int} slot (a prval). */
  Memory intSlot() {
    return alloc(4);
  }

  /** A zeroed 8-byte slot (a pointer, size_t, uint64_t or time_t). */
  Memory wordSlot() {
    return alloc(8);
  }

  /** A copy of {@code b} in native memory. */
  Memory bytes(byte[] b) {
    Memory m = alloc(b.length);
    if (b.length > 0) {
      m.write(0, b, 0, b.length);
    }
    return m;
  }

  /**
   * Two native arrays for a {@code char const* const*} argument and its lengths: the pointers to
   * copies of {@code items}, and the {@code size_t} length of each.
   */
  Pointer[] pointerArray(List<byte[]> items) {
    Memory ptrs = alloc((long) items.size() * Native.POINTER_SIZE);
    Memory lens = alloc(items.size() * 8L);
    for (int i = 0; i < items.size(); i++) {
      byte[] b = items.get(i);
      ptrs.setPointer((long) i * Native.POINTER_SIZE, bytes(b));
      lens.setLong(i * 8L, b.length);
    }
    return new Pointer[] {ptrs, lens};
  }

  /** UTF-8 of every string. */
  static List<byte[]> utf8(Iterable<String> strings) {
    List<byte[]> out = new ArrayList<>();
    for (String s : strings) {
      out.add(s.getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }
}

package io.cephsmb.omapkv.rados;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The native memory one librados operation needs until its completion fires: zeroed out-parameter
 * slots (prval, iterators, sizes) and arrays of pointers (omap keys and values). It keeps every
 * block strongly referenced, so JNA's cleaner frees none of them early; dropping the arena after
 * the completion releases them all. An arena whose memory nobody (librados included) uses any more
 * may be {@link #close}d: its chunks go back to a shared pool for the next operations, which spares
 * a malloc, a free on JNA's cleaner thread and a cleaner registration per operation.
 */
final class NativeArena {
  /**
   * Small blocks are carved out of chunks of this size (one JNA Memory per chunk, not per block).
   */
  private static final int CHUNK = 2048;

  /** Chunks of closed arenas, ready for reuse (at most {@link #POOLED}). */
  private static final ArrayDeque<Memory> POOL = new ArrayDeque<>();

  private static final int POOLED = 256;

  private List<Memory> blocks;
  private Memory chunk;
  private long used;
  private List<Memory> chunks;

  /** A zeroed block of {@code size} bytes (at least one), 8-byte aligned. */
  Pointer alloc(long size) {
    long n = (Math.max(1, size) + 7) & ~7L;
    if (n > CHUNK / 4) {
      Memory m = new Memory(n);
      m.clear();
      if (blocks == null) {
        blocks = new ArrayList<>(1);
      }
      blocks.add(m);
      return m;
    }
    if (chunk == null || used + n > CHUNK) {
      chunk = takeChunk();
      if (chunks == null) {
        chunks = new ArrayList<>(1);
      }
      chunks.add(chunk);
      used = 0;
    }
    Pointer p = chunk.share(used, n);
    used += n;
    p.setMemory(0, n, (byte) 0);
    return p;
  }

  private static Memory takeChunk() {
    synchronized (POOL) {
      Memory m = POOL.pollLast();
      if (m != null) {
        return m;
      }
    }
    return new Memory(CHUNK);
  }

  /**
   * Gives the chunks back to the pool. Only when nothing reads or writes the arena's memory any
   * more: for an operation, after librados completed it and its result was read. Every pointer the
   * arena handed out is invalid afterwards; closing twice does nothing more. An arena that is never
   * closed is freed by the garbage collector, as before.
   */
  void close() {
    if (chunks != null) {
      synchronized (POOL) {
        for (Memory m : chunks) {
          if (POOL.size() < POOLED) {
            POOL.addLast(m);
          }
        }
      }
      chunks = null;
    }
    chunk = null;
    blocks = null;
  }

  /** A zeroed {@code int} slot (a prval). */
  Pointer intSlot() {
    return alloc(4);
  }

  /** A zeroed 8-byte slot (a pointer, size_t, uint64_t or time_t). */
  Pointer wordSlot() {
    return alloc(8);
  }

  /** A copy of {@code b} in native memory. */
  Pointer bytes(byte[] b) {
    Pointer m = alloc(b.length);
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
    Pointer ptrs = alloc((long) items.size() * Native.POINTER_SIZE);
    Pointer lens = alloc(items.size() * 8L);
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

package io.cephsmb.vfs.cephfs;

import com.sun.jna.Memory;

/**
 * Per-thread native bounce buffers for reads into and writes from heap buffers: the blocking
 * executors' threads are few and reused, so one buffer each (grown on demand up to {@link #KEEP}
 * bytes, larger ones allocated per call) saves a malloc/free and a Java array per I/O.
 */
final class Bounce {
  /** The largest buffer a thread keeps (larger requests are rare: most clients move 1 MiB). */
  static final int KEEP = 4 << 20;

  private static final ThreadLocal<Memory> BUFFER = new ThreadLocal<>();

  private Bounce() {}

  /** A native buffer of at least {@code size} bytes, valid until this thread's next call. */
  static Memory get(int size) {
    if (size > KEEP) {
      return new Memory(size);
    }
    Memory m = BUFFER.get();
    if (m == null || m.size() < size) {
      m = new Memory(Math.max(size, 64 * 1024));
      BUFFER.set(m);
    }
    return m;
  }
}

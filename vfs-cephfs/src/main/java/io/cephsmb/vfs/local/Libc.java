package io.cephsmb.vfs.local;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * {@code statvfs(3)} of glibc, for the inode counts java.nio's {@code FileStore} does not give. The
 * {@code struct statvfs} layout is the 64-bit Linux one.
 */
@SuppressWarnings("MethodName") // libc's own name
final class Libc {
  static {
    Native.register(Libc.class, NativeLibrary.getInstance("c"));
  }

  static final int F_BSIZE = 0;
  static final int F_FRSIZE = 8;
  static final int F_BLOCKS = 16;
  static final int F_BFREE = 24;
  static final int F_BAVAIL = 32;
  static final int F_FILES = 40;
  static final int F_FFREE = 48;
  static final int F_NAMEMAX = 80;
  static final int SIZEOF = 112;

  private Libc() {}

  /** Returns 0, or -1 with errno in {@link Native#getLastError()}. */
  static native int statvfs(byte[] path, Pointer buf);
}

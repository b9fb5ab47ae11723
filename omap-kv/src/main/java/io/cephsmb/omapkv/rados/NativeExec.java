package io.cephsmb.omapkv.rados;

import static io.cephsmb.omapkv.rados.Librados.cstr;

import com.sun.jna.Pointer;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Errno;

/**
 * One object-class call outside a compound op ({@code rados_aio_exec}): owns the output buffer
 * ({@link #MAX_OUTPUT} bytes; librados fails the call with -ERANGE if the method returns more)
 * until the completion. Errors of the {@code lock} class go through {@link Errno#lockException}.
 */
final class NativeExec extends AioOp<Bytes> {
  /** The largest method output accepted. */
  static final int MAX_OUTPUT = 1 << 20;

  private final Pointer io;
  private final String oid;
  private final String cls;
  private final String method;
  private final byte[] input;
  private final NativeArena arena = new NativeArena();
  private Pointer out;

  NativeExec(Pointer io, String what, String oid, String cls, String method, Bytes input) {
    super("exec " + cls + "." + method + " on " + what);
    this.io = io;
    this.oid = oid;
    this.cls = cls;
    this.method = method;
    this.input = input.toArray();
  }

  @Override
  int start(Pointer completion) {
    out = arena.alloc(MAX_OUTPUT);
    return Librados.rados_aio_exec(
        io, cstr(oid), completion, cstr(cls), cstr(method), input, input.length, out, MAX_OUTPUT);
  }

  @Override
  Bytes finish(int rv, long version) {
    if (rv < 0) {
      throw cls.equals("lock") ? Errno.lockException(rv, what) : Errno.toException(rv, what);
    }
    return rv == 0 ? Bytes.EMPTY : Bytes.wrap(out.getByteArray(0, rv));
  }

  @Override
  void release() {
    // the output buffer is Java-owned native memory, freed with the arena
  }
}

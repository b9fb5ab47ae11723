package io.cephsmb.omapkv.rados;

import com.sun.jna.Callback;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

/**
 * JNA direct-mapped bindings to the librados C functions rados-java lacks (Ceph 16 Pacific {@code
 * librados.h}). Handles ({@code rados_t}, {@code rados_ioctx_t}, ops, completions, iterators) are
 * {@link Pointer}s; {@code size_t} is {@code long} (64-bit only); strings are NUL-terminated UTF-8
 * {@code byte[]} (see {@link #cstr}); out-parameters are native memory the caller owns.
 */
@SuppressWarnings("MethodName") // the names are librados' own
final class Librados {

  static {
    Native.register(Librados.class, NativeLibrary.getInstance("rados"));
  }

  /** {@code LIBRADOS_OPERATION_RETURNVEC}: per-step return values even when the op fails. */
  static final int OPERATION_RETURNVEC = 1024;

  /** {@code LIBRADOS_CREATE_EXCLUSIVE}. */
  static final int CREATE_EXCLUSIVE = 1;

  private Librados() {}

  /** NUL-terminated UTF-8 of {@code s}. */
  static byte[] cstr(String s) {
    byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.util.Arrays.copyOf(b, b.length + 1);
  }

  /** {@code rados_callback_t}. */
  interface AioCallback extends Callback {
    void invoke(Pointer completion, Pointer arg);
  }

  /** {@code rados_watchcb2_t}. */
  interface WatchCallback extends Callback {
    void invoke(
        Pointer arg, long notifyId, long handle, long notifierId, Pointer data, long dataLen);
  }

  /** {@code rados_watcherrcb_t}. */
  interface WatchErrorCallback extends Callback {
    void invoke(Pointer arg, long cookie, int err);
  }

  // cluster
  static native long rados_get_instance_id(Pointer cluster);

  static native int rados_getaddrs(Pointer cluster, Pointer addrs);

  static native int rados_wait_for_latest_osdmap(Pointer cluster);

  static native int rados_blocklist_add(Pointer cluster, byte[] address, int expireSeconds);

  static native int rados_watch_flush(Pointer cluster);

  static native void rados_buffer_free(Pointer buf);

  static native void rados_ioctx_set_namespace(Pointer io, byte[] ns);

  // completions
  static native int rados_aio_create_completion2(Pointer arg, AioCallback cb, Pointer pc);

  static native int rados_aio_get_return_value(Pointer c);

  static native long rados_aio_get_version(Pointer c);

  static native void rados_aio_release(Pointer c);

  // write ops
  static native Pointer rados_create_write_op();

  static native void rados_release_write_op(Pointer op);

  static native void rados_write_op_assert_exists(Pointer op);

  static native void rados_write_op_assert_version(Pointer op, long ver);

  static native void rados_write_op_omap_cmp2(
      Pointer op, byte[] key, byte cmp, byte[] val, long keyLen, long valLen, Pointer prval);

  static native void rados_write_op_cmpxattr(
      Pointer op, byte[] name, byte cmp, byte[] val, long valLen);

  static native void rados_write_op_exec(
      Pointer op, byte[] cls, byte[] method, byte[] in, long inLen, Pointer prval);

  static native void rados_write_op_create(Pointer op, int exclusive, byte[] category);

  static native void rados_write_op_remove(Pointer op);

  static native void rados_write_op_write_full(Pointer op, byte[] buf, long len);

  static native void rados_write_op_setxattr(Pointer op, byte[] name, byte[] val, long len);

  static native void rados_write_op_omap_set2(
      Pointer op, Pointer keys, Pointer vals, Pointer keyLens, Pointer valLens, long num);

  static native void rados_write_op_omap_rm_keys2(
      Pointer op, Pointer keys, Pointer keyLens, long num);

  static native void rados_write_op_omap_clear(Pointer op);

  static native int rados_aio_write_op_operate(
      Pointer op, Pointer io, Pointer completion, byte[] oid, Pointer mtime, int flags);

  // read ops
  static native Pointer rados_create_read_op();

  static native void rados_release_read_op(Pointer op);

  static native void rados_read_op_assert_exists(Pointer op);

  static native void rados_read_op_assert_version(Pointer op, long ver);

  static native void rados_read_op_omap_cmp2(
      Pointer op, byte[] key, byte cmp, byte[] val, long keyLen, long valLen, Pointer prval);

  static native void rados_read_op_omap_get_vals_by_keys2(
      Pointer op, Pointer keys, long num, Pointer keyLens, Pointer iter, Pointer prval);

  static native void rados_read_op_omap_get_vals2(
      Pointer op,
      byte[] startAfter,
      byte[] prefix,
      long maxReturn,
      Pointer iter,
      Pointer pmore,
      Pointer prval);

  static native void rados_read_op_read(
      Pointer op, long offset, long len, Pointer buf, Pointer bytesRead, Pointer prval);

  static native void rados_read_op_stat(Pointer op, Pointer psize, Pointer pmtime, Pointer prval);

  static native void rados_read_op_getxattrs(Pointer op, Pointer iter, Pointer prval);

  static native int rados_aio_read_op_operate(
      Pointer op, Pointer io, Pointer completion, byte[] oid, int flags);

  // iterators
  static native int rados_omap_get_next2(
      Pointer iter, Pointer key, Pointer val, Pointer keyLen, Pointer valLen);

  static native void rados_omap_get_end(Pointer iter);

  static native int rados_getxattrs_next(Pointer iter, Pointer name, Pointer val, Pointer len);

  static native void rados_getxattrs_end(Pointer iter);

  // object classes
  static native int rados_aio_exec(
      Pointer io,
      byte[] oid,
      Pointer completion,
      byte[] cls,
      byte[] method,
      byte[] in,
      long inLen,
      Pointer buf,
      long outLen);

  // cls_lock
  static native int rados_lock_exclusive(
      Pointer io, byte[] oid, byte[] name, byte[] cookie, byte[] desc, Pointer tv, byte flags);

  static native int rados_unlock(Pointer io, byte[] oid, byte[] name, byte[] cookie);

  static native int rados_break_lock(
      Pointer io, byte[] oid, byte[] name, byte[] client, byte[] cookie);

  static native long rados_list_lockers(
      Pointer io,
      byte[] oid,
      byte[] name,
      Pointer exclusive,
      Pointer tag,
      Pointer tagLen,
      Pointer clients,
      Pointer clientsLen,
      Pointer cookies,
      Pointer cookiesLen,
      Pointer addrs,
      Pointer addrsLen);

  // watch/notify
  static native int rados_watch2(
      Pointer io,
      byte[] oid,
      Pointer cookie,
      WatchCallback cb,
      WatchErrorCallback errCb,
      Pointer arg);

  static native int rados_unwatch2(Pointer io, long cookie);

  static native int rados_watch_check(Pointer io, long cookie);

  static native int rados_notify_ack(
      Pointer io, byte[] oid, long notifyId, long cookie, byte[] buf, int len);

  static native int rados_aio_notify(
      Pointer io,
      byte[] oid,
      Pointer completion,
      byte[] buf,
      int len,
      long timeoutMs,
      Pointer replyBuf,
      Pointer replyLen);

  static native int rados_decode_notify_response(
      Pointer reply,
      long replyLen,
      Pointer acks,
      Pointer nrAcks,
      Pointer timeouts,
      Pointer nrTimeouts);

  static native void rados_free_notify_response(Pointer acks, long nrAcks, Pointer timeouts);
}

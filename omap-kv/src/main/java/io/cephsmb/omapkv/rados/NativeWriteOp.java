package io.cephsmb.omapkv.rados;

import static io.cephsmb.omapkv.rados.Librados.cstr;

import com.sun.jna.Pointer;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.KvException;
import io.cephsmb.omapkv.WriteOp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@link WriteOp} as a librados write op in flight: {@code rados_create_write_op}, one {@code
 * rados_write_op_*} step per {@link WriteOp.Step} ({@code assert_exists}, {@code assert_version},
 * {@code omap_cmp2}, {@code cmpxattr}, {@code exec} (also for {@link WriteOp.AssertLocked}:
 * cls_lock {@code assert_locked}), {@code create}, {@code remove}, {@code write_full}, {@code
 * setxattr}, {@code omap_set2}, {@code omap_rm_keys2}, {@code omap_clear}), then {@code
 * rados_aio_write_op_operate} with {@code LIBRADOS_OPERATION_RETURNVEC} so the per-step return
 * values ({@code prval}) of omap_cmp and exec name the step that failed. Owns the op handle and the
 * prval slots until the completion; {@code rados_release_write_op} in {@link #release}.
 */
final class NativeWriteOp extends AioOp<Long> {
  private final Pointer io;
  private final String oid;
  private final WriteOp op;
  private final NativeArena arena = new NativeArena();
  private final Map<Integer, Pointer> prvals = new HashMap<>();
  private Pointer handle;

  NativeWriteOp(Pointer io, String pool, String ns, String oid, WriteOp op) {
    super("write " + pool + "/" + (ns.isEmpty() ? "" : ns + "/") + oid);
    this.io = io;
    this.oid = oid;
    this.op = op;
  }

  @Override
  int start(Pointer completion) {
    handle = Librados.rados_create_write_op();
    if (handle == null) {
      return -12; // ENOMEM
    }
    List<WriteOp.Step> steps = op.steps();
    for (int i = 0; i < steps.size(); i++) {
      addStep(i, steps.get(i));
    }
    return Librados.rados_aio_write_op_operate(
        handle, io, completion, cstr(oid), null, Librados.OPERATION_RETURNVEC);
  }

  private void addStep(int index, WriteOp.Step step) {
    if (step instanceof WriteOp.AssertExists) {
      Librados.rados_write_op_assert_exists(handle);
    } else if (step instanceof WriteOp.AssertVersion v) {
      Librados.rados_write_op_assert_version(handle, v.version());
    } else if (step instanceof WriteOp.OmapCmp c) {
      byte[] key = c.key().getBytes(StandardCharsets.UTF_8);
      byte[] val = c.value().toArray();
      Librados.rados_write_op_omap_cmp2(
          handle, key, (byte) c.op().code(), val, key.length, val.length, prval(index));
    } else if (step instanceof WriteOp.CmpXattr c) {
      byte[] val = c.value().toArray();
      Librados.rados_write_op_cmpxattr(
          handle, cstr(c.name()), (byte) c.op().code(), val, val.length);
    } else if (step instanceof WriteOp.AssertLocked l) {
      byte[] in = ClsLockCodec.assertLocked(l.name(), l.cookie(), l.tag());
      Librados.rados_write_op_exec(
          handle, cstr("lock"), cstr("assert_locked"), in, in.length, prval(index));
    } else if (step instanceof WriteOp.Exec e) {
      byte[] in = e.input().toArray();
      Librados.rados_write_op_exec(
          handle, cstr(e.cls()), cstr(e.method()), in, in.length, prval(index));
    } else if (step instanceof WriteOp.Create c) {
      Librados.rados_write_op_create(handle, c.exclusive() ? Librados.CREATE_EXCLUSIVE : 0, null);
    } else if (step instanceof WriteOp.Remove) {
      Librados.rados_write_op_remove(handle);
    } else if (step instanceof WriteOp.WriteFull w) {
      byte[] data = w.data().toArray();
      Librados.rados_write_op_write_full(handle, data, data.length);
    } else if (step instanceof WriteOp.SetXattr x) {
      byte[] val = x.value().toArray();
      Librados.rados_write_op_setxattr(handle, cstr(x.name()), val, val.length);
    } else if (step instanceof WriteOp.OmapSet s) {
      List<byte[]> vals = new ArrayList<>();
      for (Bytes b : s.values().values()) {
        vals.add(b.toArray());
      }
      Pointer[] keys = arena.pointerArray(NativeArena.utf8(s.values().keySet()));
      Pointer[] values = arena.pointerArray(vals);
      Librados.rados_write_op_omap_set2(
          handle, keys[0], values[0], keys[1], values[1], vals.size());
    } else if (step instanceof WriteOp.OmapRemoveKeys r) {
      Pointer[] keys = arena.pointerArray(NativeArena.utf8(r.keys()));
      Librados.rados_write_op_omap_rm_keys2(handle, keys[0], keys[1], r.keys().size());
    } else if (step instanceof WriteOp.OmapClear) {
      Librados.rados_write_op_omap_clear(handle);
    } else {
      throw new IllegalArgumentException("unknown step " + step);
    }
  }

  private Pointer prval(int index) {
    Pointer p = arena.intSlot();
    prvals.put(index, p);
    return p;
  }

  @Override
  Long finish(int rv, long version) {
    if (rv >= 0) {
      return version;
    }
    throw failure(rv);
  }

  /**
   * The exception for a failed op: librados' return value, naming the step whose prval carries it
   * (steps librados did not reach report -EIO, so only an equal prval identifies the step).
   */
  private KvException failure(int rv) {
    List<WriteOp.Step> steps = op.steps();
    for (int i = 0; i < steps.size(); i++) {
      Pointer p = prvals.get(i);
      if (p != null && p.getInt(0) == rv) {
        String what = this.what + " step " + i + " " + steps.get(i);
        return isClsLock(steps.get(i))
            ? Errno.lockException(rv, what)
            : Errno.toException(rv, what);
      }
    }
    return Errno.toException(rv, what + " " + op);
  }

  private static boolean isClsLock(WriteOp.Step step) {
    return step instanceof WriteOp.AssertLocked
        || (step instanceof WriteOp.Exec e && e.cls().equals("lock"));
  }

  @Override
  void release() {
    if (handle != null) {
      Librados.rados_release_write_op(handle);
      handle = null;
    }
    arena.close(); // librados is done with the prvals, and finish() has read them
  }
}

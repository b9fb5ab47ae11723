package io.cephsmb.omapkv.rados;

import static io.cephsmb.omapkv.rados.Librados.cstr;

import com.sun.jna.Pointer;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.ReadOp;
import io.cephsmb.omapkv.ReadResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One {@link ReadOp} as a librados read op in flight: {@code rados_create_read_op}, the steps
 * ({@code rados_read_op_assert_exists}, {@code assert_version}, {@code omap_cmp2}, {@code
 * omap_get_vals_by_keys2}, {@code omap_get_vals2} with start_after/filter_prefix/max_return/pmore,
 * {@code read}, {@code stat}, {@code getxattrs} for {@link ReadOp.GetXattr}), then {@code
 * rados_aio_read_op_operate}. Owns the op handle, the out-parameters (prvals, the read buffer, the
 * omap and xattr iterators) until the completion; decodes the iterators ({@code
 * rados_omap_get_next2}, {@code rados_getxattrs_next}) and frees them ({@code rados_omap_get_end},
 * {@code rados_getxattrs_end}) and the op ({@code rados_release_read_op}) in {@link #release}.
 */
final class NativeReadOp extends AioOp<ReadResult> {
  private final Pointer io;
  private final String oid;
  private final ReadOp op;
  private final NativeArena arena = new NativeArena();
  private final Map<Integer, Pointer> prvals = new HashMap<>();
  private final Set<String> xattrNames = new HashSet<>();
  private Pointer handle;
  private Pointer byKeysIter;
  private Pointer valsIter;
  private Pointer more;
  private Pointer readBuf;
  private Pointer bytesRead;
  private Pointer size;
  private Pointer mtime;
  private Pointer xattrIter;

  NativeReadOp(Pointer io, String pool, String ns, String oid, ReadOp op) {
    super("read " + pool + "/" + (ns.isEmpty() ? "" : ns + "/") + oid);
    this.io = io;
    this.oid = oid;
    this.op = op;
  }

  @Override
  int start(Pointer completion) {
    handle = Librados.rados_create_read_op();
    if (handle == null) {
      return -12; // ENOMEM
    }
    List<ReadOp.Step> steps = op.steps();
    for (int i = 0; i < steps.size(); i++) {
      addStep(i, steps.get(i));
    }
    return Librados.rados_aio_read_op_operate(handle, io, completion, cstr(oid), 0);
  }

  private void addStep(int index, ReadOp.Step step) {
    if (step instanceof ReadOp.AssertExists) {
      Librados.rados_read_op_assert_exists(handle);
    } else if (step instanceof ReadOp.AssertVersion v) {
      Librados.rados_read_op_assert_version(handle, v.version());
    } else if (step instanceof ReadOp.OmapCmp c) {
      byte[] key = c.key().getBytes(StandardCharsets.UTF_8);
      byte[] val = c.value().toArray();
      Librados.rados_read_op_omap_cmp2(
          handle, key, (byte) c.op().code(), val, key.length, val.length, prval(index));
    } else if (step instanceof ReadOp.OmapGetByKeys k) {
      Pointer[] keys = arena.pointerArray(NativeArena.utf8(k.keys()));
      byKeysIter = arena.wordSlot();
      Librados.rados_read_op_omap_get_vals_by_keys2(
          handle, keys[0], k.keys().size(), keys[1], byKeysIter, prval(index));
    } else if (step instanceof ReadOp.OmapGetVals g) {
      valsIter = arena.wordSlot();
      more = arena.wordSlot();
      Librados.rados_read_op_omap_get_vals2(
          handle, cstr(g.startAfter()), cstr(g.prefix()), g.max(), valsIter, more, prval(index));
    } else if (step instanceof ReadOp.ReadData r) {
      readBuf = arena.alloc(r.length());
      bytesRead = arena.wordSlot();
      Librados.rados_read_op_read(handle, r.offset(), r.length(), readBuf, bytesRead, prval(index));
    } else if (step instanceof ReadOp.Stat) {
      size = arena.wordSlot();
      mtime = arena.wordSlot();
      Librados.rados_read_op_stat(handle, size, mtime, prval(index));
    } else if (step instanceof ReadOp.GetXattr x) {
      xattrNames.add(x.name());
      if (xattrIter == null) {
        xattrIter = arena.wordSlot();
        Librados.rados_read_op_getxattrs(handle, xattrIter, prval(index));
      }
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
  ReadResult finish(int rv, long version) {
    List<ReadOp.Step> steps = op.steps();
    if (rv < 0) {
      for (int i = 0; i < steps.size(); i++) {
        Pointer p = prvals.get(i);
        if (p != null && p.getInt(0) == rv) {
          throw Errno.toException(rv, what + " step " + i + " " + steps.get(i));
        }
      }
      throw Errno.toException(rv, what + " " + op);
    }
    for (int i = 0; i < steps.size(); i++) {
      Pointer p = prvals.get(i);
      if (p != null && p.getInt(0) < 0) {
        throw Errno.toException(p.getInt(0), what + " step " + i + " " + steps.get(i));
      }
    }
    SortedMap<String, Bytes> byKeys = omap(byKeysIter);
    SortedMap<String, Bytes> vals = omap(valsIter);
    boolean hasMore = more != null && more.getByte(0) != 0;
    Bytes data = null;
    if (readBuf != null) {
      int n = (int) bytesRead.getLong(0);
      data = n == 0 ? Bytes.EMPTY : Bytes.wrap(readBuf.getByteArray(0, n));
    }
    long objSize = size == null ? -1 : size.getLong(0);
    Instant modified = mtime == null ? null : Instant.ofEpochSecond(mtime.getLong(0));
    return new ReadResult(version, byKeys, vals, hasMore, data, objSize, modified, xattrs());
  }

  private static SortedMap<String, Bytes> omap(Pointer slot) {
    SortedMap<String, Bytes> out = new TreeMap<>();
    Pointer iter = slot == null ? null : slot.getPointer(0);
    if (iter == null) {
      return out;
    }
    NativeArena tmp = new NativeArena();
    try {
      return omap(iter, tmp, out);
    } finally {
      tmp.close();
    }
  }

  private static SortedMap<String, Bytes> omap(
      Pointer iter, NativeArena tmp, SortedMap<String, Bytes> out) {
    Pointer key = tmp.wordSlot();
    Pointer val = tmp.wordSlot();
    Pointer keyLen = tmp.wordSlot();
    Pointer valLen = tmp.wordSlot();
    while (true) {
      int rc = Librados.rados_omap_get_next2(iter, key, val, keyLen, valLen);
      if (rc < 0) {
        throw Errno.toException(rc, "rados_omap_get_next2");
      }
      Pointer k = key.getPointer(0);
      if (k == null) {
        return out;
      }
      String name = new String(k.getByteArray(0, (int) keyLen.getLong(0)), StandardCharsets.UTF_8);
      int n = (int) valLen.getLong(0);
      Pointer v = val.getPointer(0);
      out.put(name, n == 0 || v == null ? Bytes.EMPTY : Bytes.wrap(v.getByteArray(0, n)));
    }
  }

  private Map<String, Bytes> xattrs() {
    Map<String, Bytes> out = new HashMap<>();
    Pointer iter = xattrIter == null ? null : xattrIter.getPointer(0);
    if (iter == null) {
      return out;
    }
    NativeArena tmp = new NativeArena();
    Pointer name = tmp.wordSlot();
    Pointer val = tmp.wordSlot();
    Pointer len = tmp.wordSlot();
    while (true) {
      int rc = Librados.rados_getxattrs_next(iter, name, val, len);
      if (rc < 0) {
        throw Errno.toException(rc, "rados_getxattrs_next");
      }
      Pointer n = name.getPointer(0);
      if (n == null) {
        return out;
      }
      String s = n.getString(0, StandardCharsets.UTF_8.name());
      if (xattrNames.contains(s)) {
        int l = (int) len.getLong(0);
        Pointer v = val.getPointer(0);
        out.put(s, l == 0 || v == null ? Bytes.EMPTY : Bytes.wrap(v.getByteArray(0, l)));
      }
    }
  }

  @Override
  void release() {
    endIter(byKeysIter, false);
    endIter(valsIter, false);
    endIter(xattrIter, true);
    if (handle != null) {
      Librados.rados_release_read_op(handle);
      handle = null;
    }
    arena.close(); // librados is done with the out-parameters, and finish() has read them
  }

  private static void endIter(Pointer slot, boolean xattr) {
    if (slot == null) {
      return;
    }
    Pointer iter = slot.getPointer(0);
    if (iter != null) {
      if (xattr) {
        Librados.rados_getxattrs_end(iter);
      } else {
        Librados.rados_omap_get_end(iter);
      }
      slot.setPointer(0, null);
    }
  }
}

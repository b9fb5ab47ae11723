package io.cephsmb.omapkv.memory;

import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.CmpOp;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.GuardFailedException;
import io.cephsmb.omapkv.InvalidArgumentException;
import io.cephsmb.omapkv.ObjectNotFoundException;
import io.cephsmb.omapkv.ReadOp;
import io.cephsmb.omapkv.ReadResult;
import io.cephsmb.omapkv.WriteOp;
import io.cephsmb.omapkv.cls.ClassEmulation;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The step semantics of the twin: one method per {@link WriteOp} and {@link ReadOp} step. */
final class MemoryOps {
  /** The OSD's {@code osd_max_omap_entries_per_request} default: a page never holds more. */
  static final int MAX_OMAP_ENTRIES_PER_REQUEST = 1024;

  private MemoryOps() {}

  /** Applies a write to {@code w} (a copy); returns whether anything was mutated. */
  static boolean applyWrite(MemoryObject w, WriteOp op, long clientId, String what) {
    boolean mutated = false;
    int i = 0;
    for (WriteOp.Step s : op.steps()) {
      String at = what + " step " + i++ + " " + s.getClass().getSimpleName();
      if (s instanceof WriteOp.AssertExists) {
        requireExists(w, at);
      } else if (s instanceof WriteOp.AssertVersion v) {
        assertVersion(w, v.version(), at);
      } else if (s instanceof WriteOp.OmapCmp c) {
        requireExists(w, at);
        omapCompare(w.omap.getOrDefault(c.key(), Bytes.EMPTY), c.op(), c.value(), at);
      } else if (s instanceof WriteOp.CmpXattr c) {
        requireExists(w, at);
        compare(w.xattrs.getOrDefault(c.name(), Bytes.EMPTY), c.op(), c.value(), at);
      } else if (s instanceof WriteOp.AssertLocked l) {
        MemoryLocks.assertLocked(w, l, clientId, at);
      } else if (s instanceof WriteOp.Exec e) {
        ClassEmulation.run(view(w), e.cls(), e.method(), e.input(), at);
        mutated |= w.exists && ClassEmulation.writes(e.cls(), e.method());
      } else if (s instanceof WriteOp.Create c) {
        if (w.exists && c.exclusive()) {
          throw new GuardFailedException(Errno.EEXIST, at + ": EEXIST (17)");
        }
        mutated |= !w.exists;
        w.exists = true;
      } else if (s instanceof WriteOp.Remove) {
        requireExists(w, at);
        w.clear();
        mutated = true;
      } else if (s instanceof WriteOp.WriteFull d) {
        w.exists = true;
        w.data = d.data();
        mutated = true;
      } else if (s instanceof WriteOp.SetXattr x) {
        w.exists = true;
        w.xattrs.put(x.name(), x.value());
        mutated = true;
      } else if (s instanceof WriteOp.OmapSet o) {
        w.exists = true;
        w.omap.putAll(o.values());
        mutated = true;
      } else if (s instanceof WriteOp.OmapRemoveKeys r) {
        requireExists(w, at);
        r.keys().forEach(w.omap::remove);
        mutated = true;
      } else if (s instanceof WriteOp.OmapClear) {
        requireExists(w, at);
        w.omap.clear();
        mutated = true;
      } else {
        throw new IllegalStateException("unhandled step " + s);
      }
    }
    return mutated;
  }

  /** The object as an emulated class method sees it. */
  static ClassEmulation.ObjectView view(MemoryObject o) {
    return new ClassEmulation.ObjectView() {
      @Override
      public boolean exists() {
        return o.exists;
      }

      @Override
      public void create() {
        o.exists = true;
      }

      @Override
      public NavigableMap<String, Bytes> omap() {
        return o.omap;
      }

      @Override
      public Map<String, Bytes> xattrs() {
        return o.xattrs;
      }
    };
  }

  static ReadResult applyRead(MemoryObject o, ReadOp op, String what) {
    requireExists(o, what);
    TreeMap<String, Bytes> byKeys = new TreeMap<>();
    TreeMap<String, Bytes> vals = new TreeMap<>();
    Map<String, Bytes> xattrs = new HashMap<>();
    boolean more = false;
    Bytes data = null;
    long size = -1;
    Instant mtime = null;
    int i = 0;
    for (ReadOp.Step s : op.steps()) {
      String at = what + " step " + i++ + " " + s.getClass().getSimpleName();
      if (s instanceof ReadOp.AssertExists) {
        requireExists(o, at);
      } else if (s instanceof ReadOp.AssertVersion v) {
        assertVersion(o, v.version(), at);
      } else if (s instanceof ReadOp.OmapCmp c) {
        omapCompare(o.omap.getOrDefault(c.key(), Bytes.EMPTY), c.op(), c.value(), at);
      } else if (s instanceof ReadOp.OmapGetByKeys k) {
        for (String key : k.keys()) {
          Bytes v = o.omap.get(key);
          if (v != null) {
            byKeys.put(key, v);
          }
        }
      } else if (s instanceof ReadOp.OmapGetVals g) {
        more = page(o.omap, g, vals);
      } else if (s instanceof ReadOp.ReadData r) {
        int from = (int) Math.min(r.offset(), o.data.length());
        int to = (int) Math.min((long) from + r.length(), o.data.length());
        data = Bytes.of(o.data.toArray(), from, to - from);
      } else if (s instanceof ReadOp.Stat) {
        size = o.data.length();
        mtime = o.mtime;
      } else if (s instanceof ReadOp.GetXattr x) {
        Bytes v = o.xattrs.get(x.name());
        if (v != null) {
          xattrs.put(x.name(), v);
        }
      } else {
        throw new IllegalStateException("unhandled step " + s);
      }
    }
    return new ReadResult(o.version, byKeys, vals, more, data, size, mtime, xattrs);
  }

  /** Fills {@code out} with one page; returns whether matching entries remain after it. */
  private static boolean page(
      NavigableMap<String, Bytes> omap, ReadOp.OmapGetVals g, Map<String, Bytes> out) {
    int limit = Math.min(g.max(), MAX_OMAP_ENTRIES_PER_REQUEST);
    for (Map.Entry<String, Bytes> e : omap.tailMap(g.startAfter(), false).entrySet()) {
      String k = e.getKey();
      if (!k.startsWith(g.prefix())) {
        if (k.compareTo(g.prefix()) > 0) {
          return false;
        }
        continue;
      }
      if (out.size() == limit) {
        return true;
      }
      out.put(k, e.getValue());
    }
    return false;
  }

  static void requireExists(MemoryObject o, String at) {
    if (!o.exists) {
      throw new ObjectNotFoundException(Errno.ENOENT, at + ": ENOENT (2)");
    }
  }

  /** A missing object has version 0; asserting 0 is invalid (as the OSD answers). */
  private static void assertVersion(MemoryObject o, long asserted, String at) {
    if (asserted == 0) {
      throw new InvalidArgumentException(Errno.EINVAL, at + ": EINVAL (22), version 0");
    }
    long actual = o.exists ? o.version : 0;
    if (asserted < actual) {
      throw new GuardFailedException(Errno.ERANGE, at + ": ERANGE (34), object is newer");
    }
    if (asserted > actual) {
      throw new GuardFailedException(Errno.EOVERFLOW, at + ": EOVERFLOW (75), object is older");
    }
  }

  /** The OSD's omap_cmp knows only EQ, LT and GT. */
  private static void omapCompare(Bytes stored, CmpOp op, Bytes given, String at) {
    if (op != CmpOp.EQ && op != CmpOp.LT && op != CmpOp.GT) {
      throw new InvalidArgumentException(Errno.EINVAL, at + ": EINVAL (22), omap_cmp " + op);
    }
    compare(stored, op, given, at);
  }

  private static void compare(Bytes stored, CmpOp op, Bytes given, String at) {
    if (!op.test(Integer.signum(stored.compareTo(given)))) {
      throw new GuardFailedException(Errno.ECANCELED, at + ": ECANCELED (125)");
    }
  }
}

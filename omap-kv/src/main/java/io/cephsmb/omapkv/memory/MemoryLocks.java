package io.cephsmb.omapkv.memory;

import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.LockBusyException;
import io.cephsmb.omapkv.LockNotHeldException;
import io.cephsmb.omapkv.Locker;
import io.cephsmb.omapkv.ObjectStore.LockMode;
import io.cephsmb.omapkv.WriteOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** cls_lock exclusive-lock semantics in the twin. */
final class MemoryLocks {
  private MemoryLocks() {}

  static void lock(
      MemoryObject w,
      String name,
      long clientId,
      String address,
      String cookie,
      String tag,
      String description,
      Duration duration,
      LockMode mode,
      String at) {
    long now = System.nanoTime();
    MemoryLock lock = w.locks.computeIfAbsent(name, n -> new MemoryLock());
    Map<MemoryLock.HolderKey, MemoryLock.Holder> live = lock.live(now);
    MemoryLock.HolderKey self = new MemoryLock.HolderKey(clientId, cookie);
    boolean mine = live.containsKey(self);
    if (mode == LockMode.ACQUIRE && mine) {
      throw new LockBusyException(Errno.EEXIST, at + ": EEXIST (17), already held by us");
    }
    if (mode == LockMode.MUST_RENEW && !mine) {
      throw new LockNotHeldException(Errno.ENOENT, at + ": ENOENT (2), lock not held");
    }
    if (!mine && !live.isEmpty()) {
      throw new LockBusyException(Errno.EBUSY, at + ": EBUSY (16)");
    }
    if (live.isEmpty()) {
      lock.tag = tag;
    } else if (!lock.tag.equals(tag)) {
      throw new LockBusyException(Errno.EBUSY, at + ": EBUSY (16), tag differs");
    }
    long expires = duration.isZero() ? Long.MAX_VALUE : now + duration.toNanos();
    lock.holders.put(self, new MemoryLock.Holder(clientId, address, cookie, description, expires));
    w.exists = true;
  }

  static void unlock(MemoryObject w, String name, long clientId, String cookie, String at) {
    remove(w, name, new MemoryLock.HolderKey(clientId, cookie), at);
  }

  static void breakLock(MemoryObject w, String name, String client, String cookie, String at) {
    long id;
    try {
      id = Long.parseLong(client.startsWith("client.") ? client.substring(7) : client);
    } catch (NumberFormatException e) {
      throw new LockNotHeldException(Errno.ENOENT, at + ": no locker " + client);
    }
    remove(w, name, new MemoryLock.HolderKey(id, cookie), at);
  }

  private static void remove(MemoryObject w, String name, MemoryLock.HolderKey who, String at) {
    MemoryLock lock = w.locks.get(name);
    if (lock == null || !lock.live(System.nanoTime()).containsKey(who)) {
      throw new LockNotHeldException(Errno.ENOENT, at + ": ENOENT (2), lock not held");
    }
    lock.holders.remove(who);
    if (lock.holders.isEmpty()) {
      w.locks.remove(name);
    }
  }

  static List<Locker> lockers(MemoryObject o, String name) {
    List<Locker> out = new ArrayList<>();
    MemoryLock lock = o.locks.get(name);
    if (lock != null) {
      for (MemoryLock.Holder h : lock.live(System.nanoTime()).values()) {
        out.add(new Locker("client." + h.clientId(), h.cookie(), h.address(), lock.tag, true));
      }
    }
    return out;
  }

  static void assertLocked(MemoryObject w, WriteOp.AssertLocked l, long clientId, String at) {
    if (!w.exists) {
      throw new LockNotHeldException(Errno.ENOENT, at + ": ENOENT (2)");
    }
    MemoryLock lock = w.locks.get(l.name());
    boolean held =
        lock != null
            && lock.tag.equals(l.tag())
            && lock.live(System.nanoTime())
                .containsKey(new MemoryLock.HolderKey(clientId, l.cookie()));
    if (!held) {
      throw new LockBusyException(Errno.EBUSY, at + ": EBUSY (16), lock not held by us");
    }
  }
}

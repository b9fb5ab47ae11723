package io.cephsmb.omapkv.memory;

import java.util.LinkedHashMap;
import java.util.Map;

/** One cls_lock lock on a twin object: its exclusive holder(s), keyed by (client, cookie). */
final class MemoryLock {
  String tag = "";
  final Map<HolderKey, Holder> holders = new LinkedHashMap<>();

  record HolderKey(long clientId, String cookie) {}

  /**
   * @param expiresAtNanos {@link System#nanoTime()} deadline, or {@link Long#MAX_VALUE}
   */
  record Holder(
      long clientId, String address, String cookie, String description, long expiresAtNanos) {}

  MemoryLock copy() {
    MemoryLock c = new MemoryLock();
    c.tag = tag;
    c.holders.putAll(holders);
    return c;
  }

  /** Drops holders whose duration ran out (cls_lock does this whenever it looks). */
  void expire(long nowNanos) {
    holders.values().removeIf(h -> h.expiresAtNanos() - nowNanos <= 0);
  }

  Map<HolderKey, Holder> live(long nowNanos) {
    expire(nowNanos);
    return new LinkedHashMap<>(holders);
  }
}

package io.cephsmb.omapkv.rados;

import static io.cephsmb.omapkv.rados.Librados.cstr;

import com.ceph.rados.IoCTX;
import com.ceph.rados.exceptions.RadosException;
import com.sun.jna.Pointer;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.Locker;
import io.cephsmb.omapkv.NotifyResult;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.ReadOp;
import io.cephsmb.omapkv.ReadResult;
import io.cephsmb.omapkv.Watch;
import io.cephsmb.omapkv.WatchListener;
import io.cephsmb.omapkv.WriteOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link ObjectStore} of one pool and namespace over librados: owns one rados-java {@link
 * IoCTX} (namespace set with {@code rados_ioctx_set_namespace}) and the watches registered on it.
 * Compound ops, notifies and exec calls are asynchronous librados calls ({@link NativeWriteOp},
 * {@link NativeReadOp}, {@link NativeNotify}, {@link NativeExec}); the cls_lock calls ({@code
 * rados_lock_exclusive}, {@code rados_unlock}, {@code rados_break_lock}, {@code
 * rados_list_lockers}) and object listing are synchronous in librados and run on the client's
 * blocking executor. A tagged lock is a cls_lock {@code lock} call in a write op, since {@code
 * rados_lock_exclusive} always uses the empty tag.
 */
final class RadosObjectStore implements ObjectStore {
  private final LibradosClient client;
  private final IoCTX ioctx;
  private final Pointer io;
  private final String pool;
  private final String namespace;
  private final AioDispatcher dispatcher;
  private final Set<RadosWatch> watches = ConcurrentHashMap.newKeySet();

  RadosObjectStore(
      LibradosClient client, IoCTX ioctx, String pool, String namespace, AioDispatcher dispatcher) {
    this.client = client;
    this.ioctx = ioctx;
    this.io = ioctx.getPointer();
    this.pool = pool;
    this.namespace = namespace;
    this.dispatcher = dispatcher;
    Librados.rados_ioctx_set_namespace(io, cstr(namespace));
  }

  Pointer io() {
    return io;
  }

  IoCTX ioctx() {
    return ioctx;
  }

  String describe(String oid) {
    return pool + "/" + (namespace.isEmpty() ? "" : namespace + "/") + oid;
  }

  @Override
  public String pool() {
    return pool;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public CompletableFuture<Long> write(String oid, WriteOp op) {
    return dispatcher.submit(new NativeWriteOp(io, pool, namespace, oid, op), op.timeout());
  }

  @Override
  public CompletableFuture<ReadResult> read(String oid, ReadOp op) {
    return dispatcher.submit(new NativeReadOp(io, pool, namespace, oid, op), op.timeout());
  }

  @Override
  public CompletableFuture<Bytes> exec(String oid, String cls, String method, Bytes input) {
    return dispatcher.submit(new NativeExec(io, describe(oid), oid, cls, method, input), null);
  }

  @Override
  public CompletableFuture<List<String>> listObjects() {
    return dispatcher.callBlocking(
        () -> {
          try {
            String[] names = ioctx.listObjects();
            Arrays.sort(names);
            return List.of(names);
          } catch (RadosException e) {
            throw Errno.toException(e.getReturnValue(), "list " + describe(""));
          }
        });
  }

  @Override
  public CompletableFuture<Void> lockExclusive(
      String oid,
      String name,
      String cookie,
      String tag,
      String description,
      Duration duration,
      LockMode mode) {
    int flags =
        switch (mode) {
          case ACQUIRE -> 0;
          case MAY_RENEW -> 1;
          case MUST_RENEW -> 2;
        };
    String what = "lock " + name + " on " + describe(oid);
    if (!tag.isEmpty()) {
      byte[] in = ClsLockCodec.lock(name, cookie, tag, description, duration, flags);
      return write(oid, WriteOp.builder().exec("lock", "lock", Bytes.wrap(in)).build())
          .thenApply(v -> null);
    }
    return dispatcher.callBlocking(
        () -> {
          Pointer tv = null;
          if (!duration.isZero()) {
            tv = new NativeArena().alloc(16);
            tv.setLong(0, duration.getSeconds());
            tv.setLong(8, duration.getNano() / 1000);
          }
          int rc =
              Librados.rados_lock_exclusive(
                  io, cstr(oid), cstr(name), cstr(cookie), cstr(description), tv, (byte) flags);
          if (rc < 0) {
            throw Errno.lockException(rc, what);
          }
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> unlock(String oid, String name, String cookie) {
    return dispatcher.callBlocking(
        () -> {
          int rc = Librados.rados_unlock(io, cstr(oid), cstr(name), cstr(cookie));
          if (rc < 0) {
            throw Errno.lockException(rc, "unlock " + name + " on " + describe(oid));
          }
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> breakLock(String oid, String name, String client, String cookie) {
    return dispatcher.callBlocking(
        () -> {
          int rc = Librados.rados_break_lock(io, cstr(oid), cstr(name), cstr(client), cstr(cookie));
          if (rc < 0) {
            throw Errno.lockException(
                rc, "break lock " + name + " of " + client + " on " + describe(oid));
          }
          return null;
        });
  }

  @Override
  public CompletableFuture<List<Locker>> lockers(String oid, String name) {
    return dispatcher.callBlocking(() -> listLockers(oid, name));
  }

  private List<Locker> listLockers(String oid, String name) {
    long cap = 256;
    while (true) {
      NativeArena a = new NativeArena();
      Pointer exclusive = a.intSlot();
      Pointer[] tag = {a.alloc(cap), a.wordSlot()};
      Pointer[] clients = {a.alloc(cap), a.wordSlot()};
      Pointer[] cookies = {a.alloc(cap), a.wordSlot()};
      Pointer[] addrs = {a.alloc(cap), a.wordSlot()};
      for (Pointer[] p : List.of(tag, clients, cookies, addrs)) {
        p[1].setLong(0, cap);
      }
      long n =
          Librados.rados_list_lockers(
              io,
              cstr(oid),
              cstr(name),
              exclusive,
              tag[0],
              tag[1],
              clients[0],
              clients[1],
              cookies[0],
              cookies[1],
              addrs[0],
              addrs[1]);
      if (n == -Errno.ERANGE) {
        long need = 0;
        for (Pointer[] p : List.of(tag, clients, cookies, addrs)) {
          need = Math.max(need, p[1].getLong(0));
        }
        cap = Math.max(cap * 2, need);
        continue;
      }
      if (n == -Errno.ENOENT) {
        return List.of(); // no such object: nobody holds a lock on it
      }
      if (n < 0) {
        throw Errno.lockException((int) n, "lockers of " + name + " on " + describe(oid));
      }
      String t = tag[0].getString(0, "UTF-8");
      boolean excl = exclusive.getInt(0) != 0;
      List<String> cl = split(clients[0], (int) n);
      List<String> co = split(cookies[0], (int) n);
      List<String> ad = new ArrayList<>();
      for (String addr : split(addrs[0], (int) n)) {
        // cls_lock stores legacy addresses ("v1:ip:port/nonce"); blocklisting takes "ip:port/nonce"
        ad.add(addr.startsWith("v1:") ? addr.substring(3) : addr);
      }
      List<Locker> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(new Locker(cl.get(i), co.get(i), ad.get(i), t, excl));
      }
      return List.copyOf(out);
    }
  }

  /** {@code n} NUL-separated UTF-8 strings. */
  private static List<String> split(Pointer p, int n) {
    List<String> out = new ArrayList<>();
    long off = 0;
    for (int i = 0; i < n; i++) {
      String s = p.getString(off, "UTF-8");
      out.add(s);
      off += s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
    }
    return out;
  }

  @Override
  public Watch watch(String oid, WatchListener listener) {
    RadosWatch w = new RadosWatch(this, oid, listener, dispatcher);
    watches.add(w);
    try {
      w.register();
    } catch (RuntimeException e) {
      watches.remove(w);
      throw e;
    }
    return w;
  }

  /** After {@code rados_unwatch2}: flush queued callbacks, then let the callbacks go. */
  void watchClosed(RadosWatch w) {
    Librados.rados_watch_flush(client.clusterPointer());
    watches.remove(w);
  }

  @Override
  public CompletableFuture<NotifyResult> notify(String oid, Bytes payload, Duration timeout) {
    return dispatcher.submit(new NativeNotify(io, describe(oid), oid, payload, timeout), null);
  }

  /** Closes the watches (the client closes the ioctx afterwards). */
  void closeWatches() {
    for (RadosWatch w : List.copyOf(watches)) {
      w.close();
    }
  }

  @Override
  public String toString() {
    return "RadosObjectStore[" + describe("") + "]";
  }
}

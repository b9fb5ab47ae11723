package io.cephsmb.omapkv.rados;

import static io.cephsmb.omapkv.rados.Librados.cstr;

import com.ceph.rados.IoCTX;
import com.ceph.rados.Rados;
import com.ceph.rados.exceptions.RadosException;
import com.sun.jna.Pointer;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.KvException;
import io.cephsmb.omapkv.NotConnectedException;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.PoolNotFoundException;
import io.cephsmb.omapkv.RadosClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@link RadosClient} over librados: owns one cluster handle (rados-java {@link Rados}: {@code
 * rados_create}, {@code rados_conf_read_file}, {@code rados_conf_set}, {@code rados_connect}), the
 * {@link AioDispatcher} (threads and operations in flight) and the stores it handed out (one ioctx
 * each). {@link #close()} unregisters every watch, flushes watch callbacks ({@code
 * rados_watch_flush}), waits briefly for operations in flight, destroys the ioctxs and shuts the
 * handle down ({@code rados_shutdown}).
 */
public final class LibradosClient implements RadosClient {
  private static final Duration CLOSE_DRAIN = Duration.ofSeconds(5);

  private final Handle rados;
  private final Pointer cluster;
  private final AioDispatcher dispatcher;
  private final List<RadosObjectStore> stores = new CopyOnWriteArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final long instanceId;
  private final String address;

  /** rados-java's cluster handle with its native pointer in reach. */
  private static final class Handle extends Rados {
    Handle(String id) {
      super(id);
    }

    Pointer pointer() {
      return clusterPtr;
    }
  }

  private LibradosClient(Path confPath, String clientId, Map<String, String> options) {
    rados = new Handle(clientId);
    try {
      rados.confReadFile(confPath.toFile());
      for (Map.Entry<String, String> e : options.entrySet()) {
        rados.confSet(e.getKey(), e.getValue());
      }
      rados.connect();
    } catch (RadosException e) {
      rados.shutDown();
      throw Errno.toException(
          e.getReturnValue(), "connect as client." + clientId + " with " + confPath);
    }
    cluster = rados.pointer();
    instanceId = Librados.rados_get_instance_id(cluster);
    address = readAddress(cluster);
    dispatcher = new AioDispatcher("cephsmb-rados-" + instanceId);
  }

  /** Connects with the ceph.conf at {@code confPath} as {@code client.<clientId>}. */
  public static LibradosClient connect(Path confPath, String clientId) {
    return new LibradosClient(confPath, clientId, Map.of());
  }

  /** Connects as {@link #connect(Path, String)} with extra configuration options set first. */
  public static LibradosClient connect(
      Path confPath, String clientId, Map<String, String> options) {
    return new LibradosClient(confPath, clientId, options);
  }

  private static String readAddress(Pointer cluster) {
    NativeArena a = new NativeArena();
    Pointer out = a.wordSlot();
    int rc = Librados.rados_getaddrs(cluster, out);
    if (rc < 0) {
      throw Errno.toException(rc, "rados_getaddrs");
    }
    Pointer s = out.getPointer(0);
    try {
      return s.getString(0, "UTF-8");
    } finally {
      Librados.rados_buffer_free(s);
    }
  }

  Pointer clusterPointer() {
    return cluster;
  }

  @Override
  public ObjectStore store(String pool, String namespace) {
    ensureOpen();
    IoCTX io;
    try {
      io = rados.ioCtxCreate(pool);
    } catch (RadosException e) {
      int rc = Math.abs(e.getReturnValue());
      if (rc == Errno.ENOENT) {
        throw new PoolNotFoundException(rc, "pool " + pool + " does not exist");
      }
      throw Errno.toException(rc, "open pool " + pool);
    }
    RadosObjectStore s = new RadosObjectStore(this, io, pool, namespace, dispatcher);
    stores.add(s);
    return s;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public long instanceId() {
    return instanceId;
  }

  @Override
  public CompletableFuture<Void> blocklistAdd(String clientAddress, Duration expiry) {
    ensureOpen();
    return dispatcher.callBlocking(
        () -> {
          int rc =
              Librados.rados_blocklist_add(
                  cluster, cstr(clientAddress), (int) Math.max(1, expiry.toSeconds()));
          if (rc < 0) {
            throw Errno.toException(rc, "blocklist " + clientAddress);
          }
          return null;
        });
  }

  @Override
  public CompletableFuture<Void> waitForLatestOsdMap() {
    ensureOpen();
    return dispatcher.callBlocking(
        () -> {
          int rc = Librados.rados_wait_for_latest_osdmap(cluster);
          if (rc < 0) {
            throw Errno.toException(rc, "rados_wait_for_latest_osdmap");
          }
          return null;
        });
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new NotConnectedException(Errno.ENOTCONN, "client closed");
    }
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    KvException failure = null;
    for (RadosObjectStore s : stores) {
      try {
        s.closeWatches();
      } catch (KvException e) {
        failure = e;
      }
    }
    Librados.rados_watch_flush(cluster);
    dispatcher.drain(CLOSE_DRAIN);
    dispatcher.quiesceBlocking();
    for (RadosObjectStore s : stores) {
      rados.ioCtxDestroy(s.ioctx());
    }
    rados.shutDown();
    dispatcher.shutdown();
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public String toString() {
    return "LibradosClient[client." + instanceId + " " + address + "]";
  }
}

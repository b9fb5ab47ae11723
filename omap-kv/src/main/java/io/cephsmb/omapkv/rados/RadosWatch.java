package io.cephsmb.omapkv.rados;

import static io.cephsmb.omapkv.rados.Librados.cstr;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.KvException;
import io.cephsmb.omapkv.Watch;
import io.cephsmb.omapkv.WatchListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One watch registered with {@code rados_watch2}: owns the two JNA callbacks ({@code
 * rados_watchcb2_t}, {@code rados_watcherrcb_t}) for as long as the watch is registered. librados'
 * threads only copy the payload and hand the notify to the store executor, where the {@link
 * WatchListener} runs; once its future completes normally the reply is sent with {@code
 * rados_notify_ack} (on the client's blocking executor). {@link #check()} is {@code
 * rados_watch_check}; {@link #close()} is {@code rados_unwatch2} followed by {@code
 * rados_watch_flush}, after which no callback arrives.
 */
final class RadosWatch implements Watch {
  private final RadosObjectStore store;
  private final String oid;
  private final WatchListener listener;
  private final AioDispatcher dispatcher;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Librados.WatchCallback onNotify = this::onNotify;
  private final Librados.WatchErrorCallback onError = this::onError;
  private long cookie;

  RadosWatch(RadosObjectStore store, String oid, WatchListener listener, AioDispatcher dispatcher) {
    this.store = store;
    this.oid = oid;
    this.listener = listener;
    this.dispatcher = dispatcher;
    CallbackThreadInitializer init = new CallbackThreadInitializer(true, false, "rados-watch");
    Native.setCallbackThreadInitializer(onNotify, init);
    Native.setCallbackThreadInitializer(onError, init);
  }

  /** {@code rados_watch2}; throws if the object is missing or the watch cannot be registered. */
  void register() {
    NativeArena arena = new NativeArena();
    Pointer slot = arena.wordSlot();
    int rc = Librados.rados_watch2(store.io(), cstr(oid), slot, onNotify, onError, null);
    if (rc < 0) {
      throw Errno.toException(rc, "watch " + store.describe(oid));
    }
    cookie = slot.getLong(0);
  }

  @Override
  public long cookie() {
    return cookie;
  }

  @Override
  public long check() {
    int rc = Librados.rados_watch_check(store.io(), cookie);
    if (rc < 0) {
      throw Errno.toException(rc, "watch check " + store.describe(oid));
    }
    return rc;
  }

  private void onNotify(
      Pointer arg, long notifyId, long handle, long notifierId, Pointer data, long dataLen) {
    Bytes payload =
        dataLen == 0 || data == null
            ? Bytes.EMPTY
            : Bytes.wrap(data.getByteArray(0, (int) dataLen));
    dispatcher.runOnExecutor(() -> deliver(notifyId, notifierId, payload));
  }

  private void deliver(long notifyId, long notifierId, Bytes payload) {
    if (closed.get()) {
      return;
    }
    CompletableFuture<Bytes> reply;
    try {
      reply = listener.onNotify(notifyId, notifierId, payload);
    } catch (RuntimeException e) {
      return; // no ack: the notifier sees this watcher time out
    }
    if (reply == null) {
      return;
    }
    var unused =
        reply.whenComplete(
            (r, err) -> {
              if (err == null) {
                dispatcher.runBlocking(() -> ack(notifyId, r == null ? Bytes.EMPTY : r));
              }
            });
  }

  private void ack(long notifyId, Bytes reply) {
    if (closed.get()) {
      return;
    }
    byte[] b = reply.toArray();
    Librados.rados_notify_ack(store.io(), cstr(oid), notifyId, cookie, b, b.length);
  }

  private void onError(Pointer arg, long handle, int err) {
    KvException e = Errno.toException(err, "watch " + store.describe(oid));
    dispatcher.runOnExecutor(
        () -> {
          if (!closed.get()) {
            listener.onError(e);
          }
        });
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      Librados.rados_unwatch2(store.io(), cookie);
      store.watchClosed(this);
    }
  }
}

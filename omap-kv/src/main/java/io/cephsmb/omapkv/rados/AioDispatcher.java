package io.cephsmb.omapkv.rados;

import com.sun.jna.CallbackThreadInitializer;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.KvException;
import io.cephsmb.omapkv.NotConnectedException;
import io.cephsmb.omapkv.TimedOutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Owns the client's threads and every asynchronous librados call in flight: one {@code
 * rados_callback_t} shared by all completions ({@code rados_aio_create_completion2} with the op's
 * id as argument), the map from id to {@link AioOp} that keeps each op's callback target and native
 * buffers strongly referenced until librados completes it, the executor futures complete on, a
 * second executor for librados' blocking calls (locks, watch, blocklist) and the timer for
 * per-operation timeouts. The librados callback only hands the op to the executor; the executor
 * reads the result ({@code rados_aio_get_return_value}, {@code rados_aio_get_version}) and releases
 * the op and its completion ({@code rados_aio_release}) on every path.
 */
final class AioDispatcher {
  private final ExecutorService executor;
  private final ExecutorService blocking;
  private final ScheduledThreadPoolExecutor timer;
  private final ConcurrentHashMap<Long, AioOp<?>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Librados.AioCallback callback = this::onComplete;
  private volatile boolean nativeGone;

  AioDispatcher(String name) {
    executor = Executors.newFixedThreadPool(2, threads(name + "-cb"));
    blocking = Executors.newFixedThreadPool(4, threads(name + "-io"));
    timer = new ScheduledThreadPoolExecutor(1, threads(name + "-timer"));
    timer.setRemoveOnCancelPolicy(true);
    // one sweep over the calls in flight instead of a scheduled task per call (each would cost a
    // locked heap insert and removal on the hot path)
    ScheduledFuture<?> unused =
        timer.scheduleWithFixedDelay(
            this::failOverdue, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    Native.setCallbackThreadInitializer(
        callback, new CallbackThreadInitializer(true, false, name + "-librados"));
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The executor futures and watch deliveries run on. */
  ExecutorService executor() {
    return executor;
  }

  /**
   * Where {@code rados_aio_create_completion2} writes the new completion: read at once, so one slot
   * per submitting thread serves every call (no native allocation per operation).
   */
  private static final ThreadLocal<Pointer> COMPLETION_SLOT =
      ThreadLocal.withInitial(() -> new NativeArena().wordSlot());

  /** Starts {@code op}; its future fails with {@link TimedOutException} after {@code timeout}. */
  <T> CompletableFuture<T> submit(AioOp<T> op, Duration timeout) {
    long id = ids.incrementAndGet();
    Pointer pc = COMPLETION_SLOT.get();
    int rc = Librados.rados_aio_create_completion2(new Pointer(id), callback, pc);
    if (rc < 0) {
      op.release();
      failLater(op, Errno.toException(rc, op.what + ": rados_aio_create_completion2"));
      return op.future;
    }
    Pointer completion = pc.getPointer(0);
    pending.put(id, op);
    if (timeout != null) {
      op.timeout = timeout;
      op.deadline = (System.nanoTime() + timeout.toNanos()) | 1; // never 0
    }
    try {
      rc = op.start(completion);
    } catch (RuntimeException e) {
      rc = -Errno.EINVAL;
    }
    if (rc < 0 && pending.remove(id) != null) {
      Librados.rados_aio_release(completion);
      op.release();
      cancelTimer(op);
      failLater(op, Errno.toException(rc, op.what));
    }
    return op.future;
  }

  /** Runs a blocking librados call on the blocking executor; the future carries its exception. */
  <T> CompletableFuture<T> callBlocking(Supplier<T> call) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      blocking.execute(
          () -> {
            try {
              f.complete(call.get());
            } catch (RuntimeException e) {
              f.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new NotConnectedException(Errno.ENOTCONN, "client closed"));
    }
    return f;
  }

  /** Runs {@code r} on the blocking executor (notify acks). */
  void runBlocking(Runnable r) {
    try {
      blocking.execute(r);
    } catch (RejectedExecutionException e) {
      // closed: nothing to do
    }
  }

  /** Runs {@code r} on the executor (watch deliveries). */
  void runOnExecutor(Runnable r) {
    try {
      executor.execute(r);
    } catch (RejectedExecutionException e) {
      // closed: nothing to deliver any more
    }
  }

  /** librados' finisher thread: hand the op over to the executor, nothing else. */
  private void onComplete(Pointer completion, Pointer arg) {
    AioOp<?> op = pending.remove(Pointer.nativeValue(arg));
    if (op == null) {
      return;
    }
    try {
      executor.execute(() -> complete(op, completion));
    } catch (RejectedExecutionException e) {
      complete(op, completion);
    }
  }

  private <T> void complete(AioOp<T> op, Pointer completion) {
    cancelTimer(op);
    if (nativeGone) {
      op.future.completeExceptionally(
          new NotConnectedException(Errno.ENOTCONN, op.what + ": client closed"));
      return;
    }
    try {
      int rv = Librados.rados_aio_get_return_value(completion);
      long version = Librados.rados_aio_get_version(completion);
      op.future.complete(op.finish(rv, version));
    } catch (KvException e) {
      op.future.completeExceptionally(e);
    } catch (RuntimeException e) {
      op.future.completeExceptionally(new KvException(0, op.what + ": " + e, e));
    } finally {
      op.release();
      Librados.rados_aio_release(completion);
    }
  }

  /** How often calls in flight are checked against their deadline (timeouts are that coarse). */
  static final long SWEEP_MILLIS = 10;

  /** Fails the future of every call in flight past its deadline (librados still owns the call). */
  private void failOverdue() {
    long now = System.nanoTime();
    for (AioOp<?> op : pending.values()) {
      long d = op.deadline;
      if (d != 0 && now - d >= 0) {
        op.deadline = 0;
        failLater(
            op,
            new TimedOutException(Errno.ETIMEDOUT, op.what + ": no answer within " + op.timeout));
      }
    }
  }

  private static void cancelTimer(AioOp<?> op) {
    op.deadline = 0;
  }

  private void failLater(AioOp<?> op, KvException e) {
    try {
      executor.execute(() -> op.future.completeExceptionally(e));
    } catch (RejectedExecutionException rejected) {
      op.future.completeExceptionally(e);
    }
  }

  /** Waits up to {@code wait} for the calls in flight to complete; returns how many remain. */
  int drain(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return pending.size();
  }

  /**
   * After {@code rados_shutdown}: fails what is still pending and stops the threads. Native state
   * of calls that never completed is abandoned with the cluster handle.
   */
  void shutdown() {
    nativeGone = true;
    for (Long id : pending.keySet()) {
      AioOp<?> op = pending.remove(id);
      if (op != null) {
        cancelTimer(op);
        op.future.completeExceptionally(
            new NotConnectedException(Errno.ENOTCONN, op.what + ": client closed"));
      }
    }
    timer.shutdownNow();
    blocking.shutdown();
    executor.shutdown();
    try {
      blocking.awaitTermination(5, TimeUnit.SECONDS);
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops accepting blocking calls and waits for the running ones (before the native shutdown). */
  void quiesceBlocking() {
    blocking.shutdown();
    try {
      blocking.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.cephsmb.vfs;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The non-blocking face of a {@link Vfs}: each call runs on a bounded executor (a fixed number of
 * threads and a bounded queue) and completes a {@link CompletableFuture}, exceptionally with the
 * {@link VfsException}. When the queue is full the future fails at once with {@code EAGAIN}
 * (STATUS_INSUFFICIENT_RESOURCES) rather than blocking the caller, which is a Netty event loop.
 * Futures complete on an executor thread; callers that must continue on their event loop hop back
 * themselves. The executor is not owned unless made by {@link #boundedExecutor}, and then shut down
 * by whoever made it.
 */
public final class AsyncVfs {
  /** A blocking VFS call. */
  @FunctionalInterface
  public interface Call<T> {
    T call() throws VfsException;
  }

  /** A blocking VFS call without result. */
  @FunctionalInterface
  public interface VoidCall {
    void call() throws VfsException;
  }

  private final Vfs vfs;
  private final ExecutorService executor;

  public AsyncVfs(Vfs vfs, ExecutorService executor) {
    this.vfs = vfs;
    this.executor = executor;
  }

  /**
   * A fixed pool of {@code threads} daemon threads named {@code name-N} with a queue of {@code
   * queue} calls, rejecting beyond that.
   */
  public static ExecutorService boundedExecutor(String name, int threads, int queue) {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory tf =
        r -> {
          Thread t = new Thread(r, name + "-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    return new ThreadPoolExecutor(
        threads,
        threads,
        60,
        TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(queue),
        tf,
        new ThreadPoolExecutor.AbortPolicy());
  }

  /** The blocking VFS underneath (for callers already off the event loop). */
  public Vfs blocking() {
    return vfs;
  }

  /** Runs {@code call} on the executor. */
  public <T> CompletableFuture<T> submit(Call<T> call) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      executor.execute(
          () -> {
            try {
              f.complete(call.call());
            } catch (VfsException | RuntimeException e) {
              f.completeExceptionally(e);
            }
          });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new VfsException(Errno.EAGAIN, "", "VFS executor saturated"));
    }
    return f;
  }

  /** Runs {@code call} on the executor. */
  public CompletableFuture<Void> run(VoidCall call) {
    return submit(
        () -> {
          call.call();
          return null;
        });
  }

  public CompletableFuture<VfsHandle> open(VfsPath path, Set<OpenFlag> flags, int mode) {
    return submit(() -> vfs.open(path, flags, mode));
  }

  /** See {@link Vfs#read}; {@code dst} belongs to the call until the future completes. */
  public CompletableFuture<Integer> read(VfsHandle h, long offset, ByteBuffer dst) {
    return submit(() -> vfs.read(h, offset, dst));
  }

  /** See {@link Vfs#write}; {@code src} belongs to the call until the future completes. */
  public CompletableFuture<Integer> write(VfsHandle h, long offset, ByteBuffer src, boolean sync) {
    return submit(() -> vfs.write(h, offset, src, sync));
  }

  public CompletableFuture<Void> truncate(VfsHandle h, long size) {
    return run(() -> vfs.truncate(h, size));
  }

  public CompletableFuture<Void> fsync(VfsHandle h, boolean dataOnly) {
    return run(() -> vfs.fsync(h, dataOnly));
  }

  public CompletableFuture<Void> close(VfsHandle h) {
    return run(() -> vfs.close(h));
  }

  public CompletableFuture<VfsStat> stat(VfsPath path) {
    return submit(() -> vfs.stat(path));
  }

  public CompletableFuture<VfsStat> stat(VfsHandle h) {
    return submit(() -> vfs.stat(h));
  }

  public CompletableFuture<DirStream> openDir(VfsPath dir) {
    return submit(() -> vfs.openDir(dir));
  }

  /** One batch of {@code stream} (see {@link DirStream#next}). */
  public CompletableFuture<List<DirEntry>> next(DirStream stream, int max) {
    return submit(() -> stream.next(max));
  }

  public CompletableFuture<Void> rewind(DirStream stream) {
    return run(stream::rewind);
  }

  public CompletableFuture<Void> closeDir(DirStream stream) {
    return run(stream::close);
  }

  public CompletableFuture<byte[]> getXattr(VfsPath path, String name) {
    return submit(() -> vfs.getXattr(path, name));
  }

  public CompletableFuture<Void> setXattr(VfsPath path, String name, byte[] value, XattrMode mode) {
    return run(() -> vfs.setXattr(path, name, value, mode));
  }

  public CompletableFuture<List<String>> listXattrs(VfsPath path) {
    return submit(() -> vfs.listXattrs(path));
  }

  public CompletableFuture<Void> removeXattr(VfsPath path, String name) {
    return run(() -> vfs.removeXattr(path, name));
  }

  public CompletableFuture<Void> rename(VfsPath from, VfsPath to, boolean replace) {
    return run(() -> vfs.rename(from, to, replace));
  }

  public CompletableFuture<Void> unlink(VfsPath path) {
    return run(() -> vfs.unlink(path));
  }

  public CompletableFuture<Void> mkdir(VfsPath path, int mode) {
    return run(() -> vfs.mkdir(path, mode));
  }

  public CompletableFuture<Void> rmdir(VfsPath path) {
    return run(() -> vfs.rmdir(path));
  }

  public CompletableFuture<VfsStatFs> statfs() {
    return submit(vfs::statfs);
  }

  public CompletableFuture<Void> setTimes(VfsPath path, TimeChange change) {
    return run(() -> vfs.setTimes(path, change));
  }

  public CompletableFuture<Void> setTimes(VfsHandle h, TimeChange change) {
    return run(() -> vfs.setTimes(h, change));
  }

  public CompletableFuture<Void> chmod(VfsPath path, int mode) {
    return run(() -> vfs.chmod(path, mode));
  }

  public CompletableFuture<Void> chown(VfsPath path, int uid, int gid) {
    return run(() -> vfs.chown(path, uid, gid));
  }
}

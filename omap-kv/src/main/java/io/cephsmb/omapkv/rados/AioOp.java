package io.cephsmb.omapkv.rados;

import com.sun.jna.Pointer;
import io.cephsmb.omapkv.KvException;
import java.util.concurrent.CompletableFuture;

/**
 * One asynchronous librados call in flight: it issues the call on a completion, turns librados'
 * return value into a result, and releases its native state. {@link AioDispatcher} drives it and
 * guarantees {@link #finish} and {@link #release} run exactly once, on the client's executor.
 *
 * @param <T> the result type
 */
abstract class AioOp<T> {
  final CompletableFuture<T> future = new CompletableFuture<>();
  final String what;

  /** When the call times out ({@link System#nanoTime}), or 0 for never / already timed out. */
  volatile long deadline;

  /** The timeout the caller gave (for the message). */
  volatile java.time.Duration timeout;

  AioOp(String what) {
    this.what = what;
  }

  /** Issues the native call on {@code completion}; returns librados' immediate return code. */
  abstract int start(Pointer completion);

  /**
   * The result, read from the native out-parameters before {@link #release}.
   *
   * @param rv {@code rados_aio_get_return_value}
   * @param version {@code rados_aio_get_version}
   * @throws KvException if the call failed
   */
  abstract T finish(int rv, long version);

  /** Releases the native op and frees what librados allocated for it (not the completion). */
  abstract void release();
}

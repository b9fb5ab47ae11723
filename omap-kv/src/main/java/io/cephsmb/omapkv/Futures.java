package io.cephsmb.omapkv;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/** Small helpers for the futures the stores return. */
public final class Futures {
  private Futures() {}

  /**
   * When {@code f} completes, normally or not, continues with the future {@code next} returns for
   * (result, cause); the cause is unwrapped from {@link CompletionException}.
   */
  public static <T, R> CompletableFuture<R> flatHandle(
      CompletableFuture<T> f, BiFunction<T, Throwable, CompletableFuture<R>> next) {
    CompletableFuture<R> out = new CompletableFuture<>();
    CompletableFuture<?> unused =
        f.whenComplete(
            (v, e) -> {
              CompletableFuture<R> n;
              try {
                n = next.apply(v, e == null ? null : unwrap(e));
              } catch (RuntimeException | Error t) {
                out.completeExceptionally(t);
                return;
              }
              CompletableFuture<?> unused2 =
                  n.whenComplete(
                      (r, e2) -> {
                        if (e2 != null) {
                          out.completeExceptionally(unwrap(e2));
                        } else {
                          out.complete(r);
                        }
                      });
            });
    return out;
  }

  /** Completes after {@code nanos}. */
  public static CompletableFuture<Void> delay(long nanos) {
    return CompletableFuture.runAsync(
        () -> {}, CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS));
  }

  /** The real cause inside {@link CompletionException} and {@link ExecutionException} layers. */
  public static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Waits for {@code f} and returns its value, rethrowing a {@link KvException} (or other runtime
   * exception) as itself rather than wrapped: for synchronous callers such as the CLI and tests.
   */
  public static <T> T join(CompletableFuture<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KvException(0, "interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = unwrap(e);
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      throw new KvException(0, c.toString(), c);
    }
  }
}

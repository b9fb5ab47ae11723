package io.cephsmb.omapkv.rados;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvException;
import io.cephsmb.omapkv.ReadOp;
import io.cephsmb.omapkv.ReadResult;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Helpers for the librados integration tests: connecting, unique names, waiting on futures. */
final class RadosTestSupport {
  private RadosTestSupport() {}

  static LibradosClient connect(DevCluster cluster) {
    return LibradosClient.connect(cluster.confPath(), cluster.clientId());
  }

  /** A name no other test uses. */
  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  static Bytes b(String s) {
    return Bytes.utf8(s);
  }

  static <T> T await(CompletableFuture<T> f) {
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AssertionError(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  /** The exception {@code f} fails with, which must be a {@code type}. */
  static <E extends KvException> E failure(Class<E> type, CompletableFuture<?> f) {
    try {
      Object v = f.get(60, TimeUnit.SECONDS);
      return fail("expected " + type.getSimpleName() + ", completed with " + v);
    } catch (ExecutionException e) {
      return assertInstanceOf(type, e.getCause(), () -> "cause: " + e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  /** Version, omap and data of an object. */
  static ReadResult snapshot(io.cephsmb.omapkv.ObjectStore store, String oid) {
    return await(
        store.read(oid, ReadOp.builder().omapGetVals("", "", 10_000).readData(0, 1 << 16).build()));
  }
}

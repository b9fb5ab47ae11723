package io.cephsmb.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.vfs.local.LocalVfs;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bounded executor refuses instead of blocking the caller. */
class AsyncVfsTest {
  @TempDir Path tmp;

  @Test
  void saturatedExecutorFailsFastWithEagain() throws Exception {
    ExecutorService ex = AsyncVfs.boundedExecutor("saturate", 1, 1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    try (LocalVfs vfs = new LocalVfs(tmp)) {
      AsyncVfs a = new AsyncVfs(vfs, ex);
      CompletableFuture<Void> busy =
          a.run(
              () -> {
                started.countDown();
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      assertTrue(started.await(10, TimeUnit.SECONDS));
      CompletableFuture<VfsStat> queued = a.stat(VfsPath.root());
      CompletableFuture<VfsStatFs> refused = a.statfs();
      assertTrue(refused.isDone(), "refused at once, not blocked");
      CompletionException e = assertThrows(CompletionException.class, refused::join);
      VfsException v = (VfsException) e.getCause();
      assertEquals(Errno.EAGAIN, v.errno());
      assertEquals(ErrnoStatus.STATUS_INSUFFICIENT_RESOURCES, v.ntStatus());
      release.countDown();
      busy.join();
      assertEquals(FileType.DIRECTORY, queued.join().type());
      CompletionException missing =
          assertThrows(CompletionException.class, () -> a.stat(VfsPath.of("nope")).join());
      assertEquals(Errno.ENOENT, ((VfsException) missing.getCause()).errno());
    } finally {
      release.countDown();
      ex.shutdown();
    }
  }
}

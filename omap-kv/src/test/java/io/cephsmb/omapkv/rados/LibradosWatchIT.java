package io.cephsmb.omapkv.rados;

import static io.cephsmb.omapkv.rados.RadosTestSupport.await;
import static io.cephsmb.omapkv.rados.RadosTestSupport.b;
import static io.cephsmb.omapkv.rados.RadosTestSupport.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvException;
import io.cephsmb.omapkv.NotifyResult;
import io.cephsmb.omapkv.NotifyResult.WatcherId;
import io.cephsmb.omapkv.ObjectNotFoundException;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.Watch;
import io.cephsmb.omapkv.WatchListener;
import io.cephsmb.omapkv.WriteOp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Watch/notify between two clients: payloads, acks with replies, silent watchers. */
@ExtendWith(CephDevClusterExtension.class)
class LibradosWatchIT {
  private static LibradosClient clientA;
  private static LibradosClient clientB;
  private static ObjectStore a;
  private static ObjectStore b;

  @BeforeAll
  static void connect(DevCluster cluster) {
    clientA = RadosTestSupport.connect(cluster);
    clientB = RadosTestSupport.connect(cluster);
    String ns = unique("ns-watch");
    a = clientA.store(cluster.statePool(), ns);
    b = clientB.store(cluster.statePool(), ns);
  }

  @AfterAll
  static void close() {
    clientA.close();
    clientB.close();
  }

  /** A listener that records what it got and answers with {@code reply}. */
  private static final class Recorder implements WatchListener {
    final List<String> got = new CopyOnWriteArrayList<>();
    final List<Long> notifiers = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final Function<Bytes, CompletableFuture<Bytes>> reply;

    Recorder(Function<Bytes, CompletableFuture<Bytes>> reply) {
      this.reply = reply;
    }

    @Override
    public CompletableFuture<Bytes> onNotify(long notifyId, long notifierId, Bytes payload) {
      got.add(payload.utf8());
      notifiers.add(notifierId);
      threads.add(Thread.currentThread().getName());
      return reply.apply(payload);
    }

    @Override
    public void onError(KvException error) {
      got.add("error " + error);
    }
  }

  private static String object() {
    String oid = unique("watched");
    await(a.write(oid, WriteOp.builder().create(false).build()));
    return oid;
  }

  @Test
  void notifyReachesBothClientsAndCollectsTheirReplies() {
    String oid = object();
    Recorder ra = new Recorder(p -> CompletableFuture.completedFuture(b("A saw " + p.utf8())));
    Recorder rb = new Recorder(p -> CompletableFuture.supplyAsync(() -> b("B saw " + p.utf8())));
    try (Watch wa = a.watch(oid, ra);
        Watch wb = b.watch(oid, rb)) {
      assertTrue(wa.check() >= 0);
      assertTrue(wb.check() >= 0);
      NotifyResult r = await(a.notify(oid, b("hello"), Duration.ofSeconds(10)));
      assertEquals(
          Map.of(
              new WatcherId(clientA.instanceId(), wa.cookie()), b("A saw hello"),
              new WatcherId(clientB.instanceId(), wb.cookie()), b("B saw hello")),
          r.acks());
      assertEquals(Set.of(), r.timedOut());
      assertEquals(List.of("hello"), ra.got);
      assertEquals(List.of("hello"), rb.got);
      assertEquals(List.of(clientA.instanceId()), rb.notifiers);
      assertTrue(ra.threads.get(0).startsWith("cephsmb-rados-"), ra.threads.toString());

      NotifyResult second = await(b.notify(oid, Bytes.EMPTY, Duration.ofSeconds(10)));
      assertEquals(2, second.acks().size());
      assertEquals(
          b("A saw "), second.acks().get(new WatcherId(clientA.instanceId(), wa.cookie())));
    }
    NotifyResult none = await(a.notify(oid, b("anyone?"), Duration.ofSeconds(5)));
    assertEquals(Map.of(), none.acks(), "closed watches get nothing");
    assertEquals(Set.of(), none.timedOut());
  }

  @Test
  void aWatcherThatNeverAcksTimesOut() {
    String oid = object();
    Recorder silent = new Recorder(p -> new CompletableFuture<>());
    Recorder failing =
        new Recorder(p -> CompletableFuture.failedFuture(new IllegalStateException("no")));
    Recorder answering = new Recorder(p -> CompletableFuture.completedFuture(b("yes")));
    try (Watch ws = b.watch(oid, silent);
        Watch wf = b.watch(oid, failing);
        Watch wa = a.watch(oid, answering)) {
      long start = System.nanoTime();
      NotifyResult r = await(a.notify(oid, b("ping"), Duration.ofSeconds(3)));
      long tookMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(Map.of(new WatcherId(clientA.instanceId(), wa.cookie()), b("yes")), r.acks());
      assertEquals(
          Set.of(
              new WatcherId(clientB.instanceId(), ws.cookie()),
              new WatcherId(clientB.instanceId(), wf.cookie())),
          r.timedOut());
      assertTrue(tookMs >= 2500 && tookMs < 15_000, "waited about the timeout: " + tookMs);
      assertEquals(List.of("ping"), silent.got);
      assertEquals(List.of("ping"), failing.got);
    }
  }

  @Test
  void watchingAMissingObjectFails() {
    String oid = unique("unwatched");
    assertThrows(ObjectNotFoundException.class, () -> a.watch(oid, new Recorder(p -> null)));
  }

  @Test
  void notifyOnAMissingObjectFails() {
    String oid = unique("unnotified");
    RadosTestSupport.failure(
        ObjectNotFoundException.class, a.notify(oid, b("x"), Duration.ofSeconds(2)));
  }
}

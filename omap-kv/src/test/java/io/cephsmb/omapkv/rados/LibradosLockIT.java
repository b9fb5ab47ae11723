package io.cephsmb.omapkv.rados;

import static io.cephsmb.omapkv.rados.RadosTestSupport.await;
import static io.cephsmb.omapkv.rados.RadosTestSupport.b;
import static io.cephsmb.omapkv.rados.RadosTestSupport.failure;
import static io.cephsmb.omapkv.rados.RadosTestSupport.snapshot;
import static io.cephsmb.omapkv.rados.RadosTestSupport.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.LockBusyException;
import io.cephsmb.omapkv.LockNotHeldException;
import io.cephsmb.omapkv.Locker;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.ObjectStore.LockMode;
import io.cephsmb.omapkv.WriteOp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** cls_lock exclusive locks through librados and the assert_locked guard, with two clients. */
@ExtendWith(CephDevClusterExtension.class)
class LibradosLockIT {
  private static LibradosClient clientA;
  private static LibradosClient clientB;
  private static ObjectStore a;
  private static ObjectStore b;

  @BeforeAll
  static void connect(DevCluster cluster) {
    clientA = RadosTestSupport.connect(cluster);
    clientB = RadosTestSupport.connect(cluster);
    String ns = unique("ns-lock");
    a = clientA.store(cluster.statePool(), ns);
    b = clientB.store(cluster.statePool(), ns);
  }

  @AfterAll
  static void close() {
    clientA.close();
    clientB.close();
  }

  private static void lock(ObjectStore s, String oid, String cookie, Duration d, LockMode m) {
    await(s.lockExclusive(oid, "mutex", cookie, "", "test lock", d, m));
  }

  @Test
  void acquireBusyRenewUnlockAndLockers() {
    String oid = unique("lock");
    lock(a, oid, "c1", Duration.ZERO, LockMode.ACQUIRE);
    List<Locker> lockers = await(a.lockers(oid, "mutex"));
    assertEquals(1, lockers.size());
    Locker l = lockers.get(0);
    assertEquals("client." + clientA.instanceId(), l.client());
    assertEquals("c1", l.cookie());
    assertEquals("", l.tag());
    assertTrue(l.exclusive());
    assertTrue(l.address().contains("/"), l.address());
    assertEquals(clientA.address(), l.address(), "the address blocklisting takes");

    LockBusyException otherCookie =
        failure(
            LockBusyException.class,
            a.lockExclusive(oid, "mutex", "c2", "", "", Duration.ZERO, LockMode.ACQUIRE));
    assertEquals(Errno.EBUSY, otherCookie.errno());
    LockBusyException sameCookie =
        failure(
            LockBusyException.class,
            a.lockExclusive(oid, "mutex", "c1", "", "", Duration.ZERO, LockMode.ACQUIRE));
    assertEquals(Errno.EEXIST, sameCookie.errno(), "ACQUIRE of our own lock: EEXIST");
    failure(
        LockBusyException.class,
        b.lockExclusive(oid, "mutex", "c1", "", "", Duration.ZERO, LockMode.ACQUIRE));
    failure(
        LockBusyException.class,
        b.lockExclusive(oid, "mutex", "c1", "", "", Duration.ZERO, LockMode.MAY_RENEW));
    LockNotHeldException mustB =
        failure(
            LockNotHeldException.class,
            b.lockExclusive(oid, "mutex", "c1", "", "", Duration.ZERO, LockMode.MUST_RENEW));
    assertEquals(Errno.ENOENT, mustB.errno());

    lock(a, oid, "c1", Duration.ofSeconds(30), LockMode.MAY_RENEW);
    lock(a, oid, "c1", Duration.ofSeconds(30), LockMode.MUST_RENEW);
    assertEquals(1, await(a.lockers(oid, "mutex")).size());

    failure(LockNotHeldException.class, b.unlock(oid, "mutex", "c1"));
    await(a.unlock(oid, "mutex", "c1"));
    assertEquals(List.of(), await(a.lockers(oid, "mutex")));
    LockNotHeldException again = failure(LockNotHeldException.class, a.unlock(oid, "mutex", "c1"));
    assertEquals(Errno.ENOENT, again.errno());
    lock(b, oid, "c9", Duration.ZERO, LockMode.ACQUIRE);
    assertEquals("client." + clientB.instanceId(), await(a.lockers(oid, "mutex")).get(0).client());
  }

  @Test
  void mustRenewAfterExpiryFailsAndOthersMayTakeIt() throws Exception {
    String oid = unique("lock-expiry");
    lock(a, oid, "c1", Duration.ofSeconds(1), LockMode.ACQUIRE);
    failure(
        LockBusyException.class,
        b.lockExclusive(oid, "mutex", "cb", "", "", Duration.ZERO, LockMode.ACQUIRE));
    Thread.sleep(2200);
    assertEquals(List.of(), await(a.lockers(oid, "mutex")), "expired lockers are not listed");
    LockNotHeldException lost =
        failure(
            LockNotHeldException.class,
            a.lockExclusive(
                oid, "mutex", "c1", "", "", Duration.ofSeconds(5), LockMode.MUST_RENEW));
    assertEquals(Errno.ENOENT, lost.errno());
    lock(b, oid, "cb", Duration.ZERO, LockMode.ACQUIRE);
  }

  @Test
  void breakLockOfAnotherClient() {
    String oid = unique("lock-break");
    lock(a, oid, "c1", Duration.ZERO, LockMode.ACQUIRE);
    String holder = await(b.lockers(oid, "mutex")).get(0).client();
    failure(LockNotHeldException.class, b.breakLock(oid, "mutex", holder, "wrong-cookie"));
    await(b.breakLock(oid, "mutex", holder, "c1"));
    assertEquals(List.of(), await(a.lockers(oid, "mutex")));
    failure(LockNotHeldException.class, a.unlock(oid, "mutex", "c1"));
    lock(b, oid, "cb", Duration.ZERO, LockMode.ACQUIRE);
  }

  @Test
  void lockersOfAnUnlockedOrMissingObject() {
    String oid = unique("lock-none");
    await(a.write(oid, WriteOp.builder().omapSet("k", b("v")).build()));
    assertEquals(List.of(), await(a.lockers(oid, "mutex")));
    String missing = unique("lock-missing");
    assertEquals(List.of(), await(a.lockers(missing, "mutex")));
  }

  @Test
  void taggedLockShowsItsTagAndNeedsItToRenew() {
    String oid = unique("lock-tag");
    await(
        a.lockExclusive(oid, "mutex", "c1", "epoch-7", "tagged", Duration.ZERO, LockMode.ACQUIRE));
    Locker l = await(b.lockers(oid, "mutex")).get(0);
    assertEquals("epoch-7", l.tag());
    assertEquals("c1", l.cookie());
    failure(
        LockBusyException.class,
        a.lockExclusive(oid, "mutex", "c1", "other", "", Duration.ZERO, LockMode.MAY_RENEW));
    await(a.lockExclusive(oid, "mutex", "c1", "epoch-7", "", Duration.ZERO, LockMode.MUST_RENEW));
  }

  private static WriteOp guarded(String cookie, String tag, String value) {
    return WriteOp.builder().assertLocked("mutex", cookie, tag).omapSet("fenced", b(value)).build();
  }

  @Test
  void assertLockedPassesForTheHolderOnly() throws Exception {
    String oid = unique("assert-locked");
    lock(a, oid, "c1", Duration.ofSeconds(2), LockMode.ACQUIRE);
    await(a.write(oid, guarded("c1", "", "holder")));
    assertEquals(b("holder"), snapshot(a, oid).vals().get("fenced"));

    LockBusyException otherCookie =
        failure(LockBusyException.class, a.write(oid, guarded("c2", "", "other-cookie")));
    assertEquals(Errno.EBUSY, otherCookie.errno());
    assertTrue(otherCookie.getMessage().contains("step 0"), otherCookie.getMessage());
    failure(LockBusyException.class, b.write(oid, guarded("c1", "", "other-client")));
    failure(LockBusyException.class, a.write(oid, guarded("c1", "wrong-tag", "tag")));
    assertEquals(b("holder"), snapshot(a, oid).vals().get("fenced"), "nothing applied");

    Thread.sleep(2500);
    failure(LockBusyException.class, a.write(oid, guarded("c1", "", "after-expiry")));
    assertEquals(b("holder"), snapshot(a, oid).vals().get("fenced"));

    lock(a, oid, "c1", Duration.ZERO, LockMode.ACQUIRE);
    await(a.write(oid, guarded("c1", "", "again")));
    await(a.unlock(oid, "mutex", "c1"));
    failure(LockBusyException.class, a.write(oid, guarded("c1", "", "after-unlock")));
    assertEquals(b("again"), snapshot(a, oid).vals().get("fenced"));
  }

  @Test
  void assertLockedOnATaggedLockAndOnAMissingObject() {
    String oid = unique("assert-tag");
    await(a.lockExclusive(oid, "mutex", "c1", "t1", "", Duration.ZERO, LockMode.ACQUIRE));
    await(a.write(oid, guarded("c1", "t1", "tagged")));
    failure(LockBusyException.class, a.write(oid, guarded("c1", "", "untagged")));
    assertEquals(b("tagged"), snapshot(a, oid).vals().get("fenced"));

    String missing = unique("assert-missing");
    failure(LockNotHeldException.class, a.write(missing, guarded("c1", "", "x")));
  }
}

package io.cephsmb.gateway.oplock;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.gateway.openfiles.OpenFileTable.OpenOutcome;
import io.cephsmb.gateway.openfiles.OpenFileTable.OpenResult;
import io.cephsmb.gateway.openfiles.OpenRecord;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.RadosClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two RADOS clients, each with its {@link OplockManager} watching its mailbox) and one
 * open-file table: an oplock held through node 1 is broken (its client notified, its acknowledgment
 * awaited) before node 2's conflicting open is recorded. Runs on the twin and on the real cluster.
 */
public abstract class OplockContract {
  static final long INO = 0x42;
  static final int RW = 0x1 | 0x2;
  static final int SHARE_ALL = 7;

  protected abstract RadosClient newClient();

  protected abstract String pool();

  private final List<RadosClient> clients = new ArrayList<>();
  private final List<OplockManager> managers = new ArrayList<>();
  private String ns;

  /** A client that records the breaks it is sent. */
  static final class FakeClient implements OplockManager.Holder {
    final OpenRecord rec;
    final List<Integer> oplockBreaks = new CopyOnWriteArrayList<>();
    final List<int[]> leaseBreaks = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> firstBreak = new CompletableFuture<>();

    FakeClient(OpenRecord rec) {
      this.rec = rec;
    }

    @Override
    public OpenRecord record() {
      return rec;
    }

    @Override
    public long ino() {
      return INO;
    }

    @Override
    public boolean sendOplockBreak(int toLevel) {
      oplockBreaks.add(toLevel);
      firstBreak.complete(toLevel);
      return true;
    }

    @Override
    public boolean sendLeaseBreak(Bytes key, int current, int to, int epoch, boolean ack) {
      leaseBreaks.add(new int[] {current, to, epoch});
      firstBreak.complete(to);
      return true;
    }
  }

  /** One gateway node's view. */
  final class Node {
    final String id;
    final OpenFileTable table;
    final OplockManager oplocks;

    Node(String id, Duration timeout) {
      this.id = id;
      RadosClient c = newClient();
      clients.add(c);
      KvStore kv = new KvStore(c.store(pool(), ns));
      table = new OpenFileTable(kv);
      oplocks = new OplockManager(id, table, timeout);
      oplocks.startMailbox(kv);
      managers.add(oplocks);
    }

    OpenRecord rec(long id, int access) {
      return new OpenRecord(
          this.id, 1, id, "", access, SHARE_ALL, false, false, 7, Bytes.EMPTY, Bytes.EMPTY, 0);
    }

    OpenResult open(OpenRecord r, int level, boolean overwrite, Set<String> broken) {
      return join(table.open(INO, r, new CachingPolicy(level, null, overwrite, false, broken)));
    }
  }

  @BeforeEach
  void namespace() {
    ns = "oplock-" + UUID.randomUUID();
  }

  @AfterEach
  void close() {
    managers.forEach(OplockManager::close);
    clients.forEach(RadosClient::close);
  }

  private OpenRecord level(Node n, String key) {
    return join(n.table.query(INO)).opens().stream()
        .filter(o -> o.key().equals(key))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aBatchOplockOnNodeOneIsBrokenAndAcknowledgedBeforeNodeTwoOpens() throws Exception {
    Node n1 = new Node("n1", Duration.ofSeconds(30));
    Node n2 = new Node("n2", Duration.ofSeconds(30));
    OpenResult first = n1.open(n1.rec(1, RW), OplockLevel.BATCH, false, Set.of());
    assertEquals(OpenOutcome.OPENED, first.outcome());
    assertEquals(OplockLevel.BATCH, first.recorded().oplockLevel());
    FakeClient c1 = new FakeClient(first.recorded());
    n1.oplocks.granted(c1);

    OpenRecord second = n2.rec(1, RW);
    OpenResult blocked = n2.open(second, OplockLevel.BATCH, false, Set.of());
    assertEquals(OpenOutcome.NEEDS_BREAK, blocked.outcome());
    assertEquals(1, join(n2.table.query(INO)).opens().size(), "nothing recorded yet");
    CompletableFuture<Void> broken = n2.oplocks.breakAll(blocked.breaks());
    assertEquals(OplockLevel.II, c1.firstBreak.get(10, TimeUnit.SECONDS), "client notified");
    Thread.sleep(200);
    assertFalse(broken.isDone(), "node 2 waits for node 1's client");
    OplockManager.Ack ack = n1.oplocks.acknowledgeOplock(first.recorded().key(), OplockLevel.II);
    assertEquals(NtStatus.SUCCESS, ack.status());
    assertEquals(OplockLevel.II, ack.level());
    broken.get(10, TimeUnit.SECONDS);
    assertEquals(OplockLevel.II, level(n1, first.recorded().key()).oplockLevel());

    OpenResult again = n2.open(second, OplockLevel.BATCH, false, Set.of(first.recorded().key()));
    assertEquals(OpenOutcome.OPENED, again.outcome());
    assertEquals(OplockLevel.II, again.recorded().oplockLevel(), "level II beside another open");
    assertEquals(
        NtStatus.INVALID_OPLOCK_PROTOCOL,
        n1.oplocks.acknowledgeOplock(first.recorded().key(), OplockLevel.NONE).status(),
        "no break in progress");
  }

  @Test
  void anUnansweredBreakToNoneTimesOutAndTheWaitingOpenProceeds() throws Exception {
    Node n1 = new Node("n1", Duration.ofMillis(700));
    Node n2 = new Node("n2", Duration.ofMillis(700));
    OpenResult first = n1.open(n1.rec(1, RW), OplockLevel.EXCLUSIVE, false, Set.of());
    FakeClient c1 = new FakeClient(first.recorded());
    n1.oplocks.granted(c1);
    OpenResult blocked = n2.open(n2.rec(1, RW), OplockLevel.NONE, true, Set.of());
    assertEquals(OpenOutcome.NEEDS_BREAK, blocked.outcome());
    long t0 = System.nanoTime();
    n2.oplocks.breakAll(blocked.breaks()).get(20, TimeUnit.SECONDS);
    assertTrue(System.nanoTime() - t0 >= 500_000_000L, "waited for the timeout");
    assertEquals(List.of(OplockLevel.NONE), c1.oplockBreaks);
    assertEquals(OplockLevel.NONE, level(n1, first.recorded().key()).oplockLevel());
    assertEquals(
        OpenOutcome.OPENED, n2.open(n2.rec(1, RW), OplockLevel.NONE, true, Set.of()).outcome());
  }

  @Test
  void aWriteBreaksLevelIiOnTheOtherNodeWithoutWaiting() throws Exception {
    Node n1 = new Node("n1", Duration.ofSeconds(30));
    Node n2 = new Node("n2", Duration.ofSeconds(30));
    OpenResult a = n1.open(n1.rec(1, RW), OplockLevel.II, false, Set.of());
    assertEquals(OplockLevel.II, a.recorded().oplockLevel());
    FakeClient c1 = new FakeClient(a.recorded());
    n1.oplocks.granted(c1);
    OpenResult b = n2.open(n2.rec(1, RW), OplockLevel.NONE, false, Set.of());
    assertEquals(OpenOutcome.OPENED, b.outcome(), "level II does not stop another open");
    n2.oplocks.written(INO, b.recorded());
    assertEquals(OplockLevel.NONE, c1.firstBreak.get(10, TimeUnit.SECONDS));
    for (int i = 0; i < 100 && level(n1, a.recorded().key()).oplockLevel() != 0; i++) {
      Thread.sleep(50);
    }
    assertEquals(OplockLevel.NONE, level(n1, a.recorded().key()).oplockLevel());
  }

  @Test
  void aBatchHolderThatClosesLetsASharingOpenThrough() throws Exception {
    Node n1 = new Node("n1", Duration.ofSeconds(30));
    Node n2 = new Node("n2", Duration.ofSeconds(30));
    OpenRecord r1 =
        new OpenRecord("n1", 1, 1, "", RW, 0, false, false, 7, Bytes.EMPTY, Bytes.EMPTY, 0);
    OpenResult first = n1.open(r1, OplockLevel.BATCH, false, Set.of());
    FakeClient c1 = new FakeClient(first.recorded());
    n1.oplocks.granted(c1);
    OpenResult blocked = n2.open(n2.rec(1, RW), OplockLevel.NONE, false, Set.of());
    assertEquals(
        OpenOutcome.NEEDS_BREAK, blocked.outcome(), "batch broken before SHARING_VIOLATION");
    CompletableFuture<Void> broken = n2.oplocks.breakAll(blocked.breaks());
    c1.firstBreak.get(10, TimeUnit.SECONDS);
    join(n1.table.close(INO, first.recorded(), "s", "f"));
    n1.oplocks.closed(first.recorded());
    broken.get(10, TimeUnit.SECONDS);
    assertEquals(
        OpenOutcome.OPENED, n2.open(n2.rec(1, RW), OplockLevel.NONE, false, Set.of()).outcome());
  }
}

package io.cephsmb.gateway.openfiles;

import static io.cephsmb.gateway.openfiles.ShareAccess.DELETE;
import static io.cephsmb.gateway.openfiles.ShareAccess.FILE_READ_DATA;
import static io.cephsmb.gateway.openfiles.ShareAccess.FILE_SHARE_DELETE;
import static io.cephsmb.gateway.openfiles.ShareAccess.FILE_SHARE_READ;
import static io.cephsmb.gateway.openfiles.ShareAccess.FILE_SHARE_WRITE;
import static io.cephsmb.gateway.openfiles.ShareAccess.FILE_WRITE_DATA;
import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.openfiles.OpenFileTable.CloseOutcome;
import io.cephsmb.gateway.openfiles.OpenFileTable.OpenOutcome;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.ReadSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two RADOS clients) sharing one open-file table: the share-mode and delete-pending
 * rules across nodes. Runs on the twin and on the real cluster.
 */
public abstract class OpenFileTableContract {
  static final int ALL = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;

  protected abstract RadosClient newClient();

  protected abstract String pool();

  private final List<RadosClient> clients = new ArrayList<>();
  private OpenFileTable node1;
  private OpenFileTable node2;

  @BeforeEach
  void twoNodes() {
    String ns = "open-" + UUID.randomUUID();
    node1 = table(ns);
    node2 = table(ns);
  }

  private String ns;

  private OpenFileTable table(String ns) {
    return table(ns, OpenFileTable.Liveness.UNKNOWN);
  }

  private OpenFileTable table(String ns, OpenFileTable.Liveness liveness) {
    this.ns = ns;
    RadosClient c = newClient();
    clients.add(c);
    return new OpenFileTable(new KvStore(c.store(pool(), ns)), liveness);
  }

  private boolean objectExists(long ino) {
    RadosClient c = newClient();
    clients.add(c);
    return join(new KvStore(c.store(pool(), ns)).read(OpenFileTable.oid(ino), ReadSet.NONE))
        .exists();
  }

  @AfterEach
  void close() {
    clients.forEach(RadosClient::close);
  }

  static OpenRecord open(String node, long id, int access, int share, boolean doc) {
    return new OpenRecord(
        node, 1, id, "", access, share, doc, false, 7, Bytes.EMPTY, Bytes.EMPTY, 0);
  }

  @Test
  void anOpenWithoutShareWriteOnNodeOneRefusesAWriterOnNodeTwoUntilClosed() {
    OpenRecord r = open("n1", 1, FILE_READ_DATA, FILE_SHARE_READ, false);
    assertEquals(OpenOutcome.OPENED, join(node1.open(42, r)));
    OpenRecord w = open("n2", 1, FILE_WRITE_DATA, ALL, false);
    assertEquals(OpenOutcome.SHARING_VIOLATION, join(node2.open(42, w)));
    assertEquals(1, join(node2.query(42)).opens().size(), "the refused open left nothing");
    CloseOutcome c = join(node1.close(42, r, "s", "f"));
    assertTrue(c.lastOpen());
    assertFalse(c.removeFile());
    assertEquals(OpenOutcome.OPENED, join(node2.open(42, w)));
    assertEquals(OpenOutcome.OPENED, join(node1.open(43, r)), "another file is independent");
  }

  @Test
  void aDeleteOnCloseOpenOnNodeOneMakesTheFileDeletePendingOnNodeTwo() {
    OpenRecord held = open("n2", 1, FILE_READ_DATA, ALL, false);
    assertEquals(OpenOutcome.OPENED, join(node2.open(7, held)));
    OpenRecord doc = open("n1", 1, DELETE, ALL, true);
    assertEquals(OpenOutcome.OPENED, join(node1.open(7, doc)));
    assertTrue(join(node2.query(7)).deletePending().isEmpty(), "pending only once it closes");
    CloseOutcome c1 = join(node1.close(7, doc, "share", "dir/file"));
    assertFalse(c1.removeFile(), "node two still has it open");
    assertEquals("dir/file", join(node2.query(7)).deletePending().orElseThrow().path());
    assertEquals(
        OpenOutcome.DELETE_PENDING, join(node2.open(7, open("n2", 2, FILE_READ_DATA, ALL, false))));
    CloseOutcome c2 = join(node2.close(7, held, "share", "dir/file"));
    assertTrue(c2.removeFile(), "the last close removes the file");
    join(node2.forget(7));
    assertEquals(0, join(node1.query(7)).opens().size());
    assertTrue(join(node1.query(7)).deletePending().isEmpty());
  }

  @Test
  void dispositionSetsAndClearsDeletePending() {
    OpenRecord r = open("n1", 1, DELETE, ALL, false);
    join(node1.open(9, r));
    assertTrue(join(node1.setDeletePending(9, r, true, "s", "f")));
    assertTrue(join(node2.query(9)).deletePending().isPresent());
    assertTrue(join(node1.setDeletePending(9, r, false, "s", "f")));
    assertTrue(join(node2.query(9)).deletePending().isEmpty());
    assertFalse(
        join(node2.setDeletePending(9, open("n2", 5, DELETE, ALL, false), true, "s", "f")),
        "an open that is not recorded cannot mark the file");
  }

  @Test
  void aStaleDeletePendingIsReportedForCleanup() {
    OpenRecord r = open("n1", 1, DELETE, ALL, true);
    join(node1.open(11, r));
    CloseOutcome c = join(node1.close(11, r, "s", "gone"));
    assertTrue(c.removeFile());
    // the node died before removing the file and forgetting it
    assertEquals(
        OpenOutcome.STALE_DELETE_PENDING,
        join(node2.open(11, open("n2", 1, FILE_READ_DATA, ALL, false))));
    assertEquals("gone", join(node2.pendingDeletion(11)).orElseThrow().path());
    join(node2.forget(11));
    assertEquals(
        OpenOutcome.OPENED, join(node2.open(11, open("n2", 1, FILE_READ_DATA, ALL, false))));
  }

  @Test
  void concurrentExclusiveOpensFromTwoNodesAdmitExactlyOne() {
    List<CompletableFuture<OpenOutcome>> fs = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      OpenFileTable t = i % 2 == 0 ? node1 : node2;
      fs.add(t.open(99, open(i % 2 == 0 ? "n1" : "n2", i, FILE_WRITE_DATA, 0, false)));
    }
    long opened =
        fs.stream().map(CompletableFuture::join).filter(o -> o == OpenOutcome.OPENED).count();
    assertEquals(1, opened);
    assertEquals(1, join(node1.query(99)).opens().size());
  }

  @Test
  void aRestartedNodePurgesItsOlderOpensOnly() {
    join(node1.open(1, open("n1", 1, FILE_READ_DATA, ALL, false)));
    join(node1.open(2, open("n1", 1, FILE_READ_DATA, ALL, false)));
    OpenRecord newer =
        new OpenRecord(
            "n1", 5, 3, "", FILE_READ_DATA, ALL, false, false, 7, Bytes.EMPTY, Bytes.EMPTY, 0);
    join(node1.open(2, newer));
    join(node2.open(1, open("n2", 1, FILE_READ_DATA, ALL, false)));
    assertEquals(2, join(node1.purgeNode("n1", 5)));
    assertEquals(
        List.of("n2"), join(node1.query(1)).opens().stream().map(OpenRecord::nodeId).toList());
    assertEquals(
        List.of(3L), join(node1.query(2)).opens().stream().map(OpenRecord::persistentId).toList());
    assertEquals(1, join(node2.purgeNode("n1", Long.MAX_VALUE)));
    assertEquals(0, join(node1.query(2)).opens().size());
  }

  @Test
  void opensBelowADirectoryAreSeenFromEveryNode() {
    OpenRecord a = open("n1", 1, FILE_READ_DATA, ALL, false);
    assertEquals(OpenOutcome.OPENED, join(node1.open(10, a, "/share/dir/sub/a.txt")));
    // the directory itself open on node 2 does not count, nor does a sibling with a common prefix
    OpenRecord d = open("n2", 1, FILE_READ_DATA, ALL, false);
    assertEquals(OpenOutcome.OPENED, join(node2.open(11, d, "/share/other")));
    assertTrue(join(node2.anyOpenBelow("/share/dir")));
    assertTrue(join(node2.anyOpenBelow("/share/dir/sub")));
    assertTrue(join(node1.anyOpenBelow("/share")));
    assertFalse(join(node2.anyOpenBelow("/share/dir/sub/a.txt")));
    assertFalse(join(node2.anyOpenBelow("/share/di")));
    assertFalse(join(node2.anyOpenBelow("/share/other")));
    // a rename of the open file moves its entry
    join(node1.moved(a, 10, "/share/dir/sub/a.txt", "/share/b.txt"));
    assertFalse(join(node2.anyOpenBelow("/share/dir")));
    assertTrue(join(node2.anyOpenBelow("/share")));
    // a refused open leaves no entry; a close removes it
    OpenRecord x = open("n2", 2, FILE_WRITE_DATA, 0, false);
    assertEquals(OpenOutcome.SHARING_VIOLATION, join(node2.open(10, x, "/share/dir/x")));
    assertFalse(join(node1.anyOpenBelow("/share/dir")));
    join(node1.close(10, a, "share", "b.txt", "/share/b.txt"));
    join(node2.close(11, d, "share", "other", "/share/other"));
    assertFalse(join(node1.anyOpenBelow("/share")));
  }

  @Test
  void aPathOpenTwiceOnOneNodeStaysIndexedUntilItsLastClose() {
    OpenRecord a = open("n1", 1, FILE_READ_DATA, ALL, false);
    OpenRecord b = open("n1", 2, FILE_READ_DATA, ALL, false);
    assertEquals(OpenOutcome.OPENED, join(node1.open(10, a, "/s/d/f")));
    assertEquals(OpenOutcome.OPENED, join(node1.open(10, b, "/s/d/f")));
    join(node1.close(10, a, "s", "d/f", "/s/d/f"));
    assertTrue(join(node2.anyOpenBelow("/s/d")));
    // a refused open of the same path gives back only its own claim
    OpenRecord x = open("n1", 3, FILE_WRITE_DATA, 0, false);
    assertEquals(OpenOutcome.SHARING_VIOLATION, join(node1.open(10, x, "/s/d/f")));
    assertTrue(join(node2.anyOpenBelow("/s/d")));
    // a rename moves the claim; the old path goes with its last open
    join(node1.moved(b, 10, "/s/d/f", "/s/e/f"));
    assertFalse(join(node2.anyOpenBelow("/s/d")));
    assertTrue(join(node2.anyOpenBelow("/s/e")));
    join(node1.close(10, b, "s", "e/f", "/s/e/f"));
    assertFalse(join(node2.anyOpenBelow("/s")));
    // and the file opened again is indexed again
    OpenRecord c = open("n1", 4, FILE_READ_DATA, ALL, false);
    assertEquals(OpenOutcome.OPENED, join(node1.open(10, c, "/s/d/f")));
    assertTrue(join(node2.anyOpenBelow("/s/d")));
  }

  @Test
  void aPurgedNodesPathsAreGone() {
    join(node1.open(1, open("n1", 1, FILE_READ_DATA, ALL, false), "/s/d/f"));
    assertTrue(join(node2.anyOpenBelow("/s/d")));
    join(node2.purgeNode("n1", 2));
    assertFalse(join(node2.anyOpenBelow("/s/d")));
    join(node1.open(1, open("n1", 3, FILE_READ_DATA, ALL, false), "/s/d/g"));
    assertTrue(join(node2.anyOpenBelow("/s/d")));
    join(node2.purgeNode("n1", Long.MAX_VALUE));
    assertFalse(join(node2.anyOpenBelow("/s/d")));
  }

  private java.util.Set<String> fileEntries(String nodeId) {
    RadosClient c = newClient();
    clients.add(c);
    return join(new KvStore(c.store(pool(), ns)).listAll(OpenFileTable.nodeIndex(nodeId), "file."))
        .keySet();
  }

  /**
   * Opens without a path (a stream's base file) are indexed by their file: one entry however many
   * such opens the node has, gone with the last close (a long-running node would otherwise keep an
   * entry for every file it ever opened that way), and a restart's purge removes what a crash left.
   */
  @Test
  void aFileEntryGoesWithTheLastPathlessOpenOfItsFile() {
    OpenRecord a = open("n1", 1, FILE_READ_DATA, ALL, false);
    OpenRecord b = open("n1", 2, FILE_READ_DATA, ALL, false);
    assertEquals(OpenOutcome.OPENED, join(node1.open(30, a)));
    assertEquals(OpenOutcome.OPENED, join(node1.open(30, b)));
    assertEquals(1, fileEntries("n1").size());
    join(node1.close(30, a, "s", "f"));
    assertEquals(1, fileEntries("n1").size(), "b still holds it");
    // a refused open of the same file gives back only its own claim
    OpenRecord x = open("n1", 3, FILE_WRITE_DATA, 0, false);
    assertEquals(OpenOutcome.SHARING_VIOLATION, join(node1.open(30, x)));
    assertEquals(1, fileEntries("n1").size());
    join(node1.close(30, b, "s", "f"));
    assertTrue(fileEntries("n1").isEmpty());
    // opened again: indexed again; the node dies; its restart's purge removes record and entry
    assertEquals(OpenOutcome.OPENED, join(node1.open(30, a)));
    assertEquals(1, fileEntries("n1").size());
    assertEquals(1, join(node2.purgeNode("n1", 2)));
    assertTrue(fileEntries("n1").isEmpty());
    assertEquals(0, join(node2.query(30)).opens().size());
  }

  @Test
  void theLastCloseRemovesTheFilesObject() {
    OpenRecord a = open("n1", 1, FILE_READ_DATA, ALL, false);
    OpenRecord b = open("n2", 1, FILE_READ_DATA, ALL, false);
    assertEquals(OpenOutcome.OPENED, join(node1.open(20, a, "/s/f")));
    assertEquals(OpenOutcome.OPENED, join(node2.open(20, b, "/s/f")));
    join(node1.close(20, a, "s", "f", "/s/f"));
    assertTrue(objectExists(20), "node two's open is still there");
    join(node2.close(20, b, "s", "f", "/s/f"));
    assertFalse(objectExists(20), "no open, no mark: no object");
    // opened again (node two knows it removed it; node one learns it) and closed again
    assertEquals(OpenOutcome.OPENED, join(node2.open(20, b, "/s/f")));
    assertEquals(OpenOutcome.OPENED, join(node1.open(20, a, "/s/f")));
    assertEquals(2, join(node2.query(20)).opens().size());
    join(node1.close(20, a, "s", "f", "/s/f"));
    join(node2.close(20, b, "s", "f", "/s/f"));
    assertFalse(objectExists(20));
  }

  @Test
  void aDeletePendingFileKeepsItsObjectUntilForgotten() {
    OpenRecord doc = open("n1", 1, DELETE, ALL, true);
    join(node1.open(21, doc));
    assertTrue(join(node1.close(21, doc, "s", "f")).removeFile());
    assertTrue(objectExists(21), "the mark stays until the file is removed");
    join(node1.forget(21));
    assertFalse(objectExists(21));
  }

  @Test
  void aNewFilesFirstOpenNeedsNoReadAndAWrongGuessIsHarmless() {
    OpenRecord held = open("n2", 1, FILE_WRITE_DATA, 0, false);
    assertEquals(OpenOutcome.OPENED, join(node2.open(22, held)));
    node1.created(22); // wrong: node two has it open (an inode number reused, say)
    assertEquals(
        OpenOutcome.SHARING_VIOLATION,
        join(node1.open(22, open("n1", 1, FILE_READ_DATA, ALL, false))),
        "the guess costs a retry, never a share-mode check");
    node1.created(23);
    assertEquals(
        OpenOutcome.OPENED, join(node1.open(23, open("n1", 2, FILE_READ_DATA, ALL, false))));
    assertEquals(1, join(node2.query(23)).opens().size());
  }

  @Test
  void recordsOfAnEndedIncarnationAreIgnoredAndRemoved() {
    // node one ran as incarnation 1, recorded an exclusive open, died before indexing it, and
    // came back as incarnation 2: the tables that know it ignore the record and remove it
    join(node1.open(30, open("n1", 1, FILE_WRITE_DATA, 0, false)));
    OpenFileTable knowing = table(ns, (node, inc) -> node.equals("n1") && inc < 2);
    assertEquals(1, join(node2.query(30)).opens().size());
    assertEquals(0, join(knowing.query(30)).opens().size(), "a query leaves it out");
    OpenRecord w = open("n2", 5, FILE_WRITE_DATA, ALL, false);
    assertEquals(OpenOutcome.OPENED, join(knowing.open(30, w)));
    assertEquals(
        List.of("n2"), join(node2.query(30)).opens().stream().map(OpenRecord::nodeId).toList());
    join(knowing.close(30, w, "s", "f"));
    assertFalse(objectExists(30), "the stale record went with the open's transaction");
  }
}

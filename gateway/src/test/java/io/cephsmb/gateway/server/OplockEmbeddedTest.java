package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.fileservice.FileService;
import io.cephsmb.gateway.fileservice.ShareVfsProvider;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2CreateRequest;
import io.cephsmb.gateway.mssmb2.Smb2CreateResponse;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.cephsmb.gateway.mssmb2.Smb2OplockBreak;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.gateway.oplock.OplockLevel;
import io.cephsmb.gateway.oplock.OplockManager;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.memory.MemoryCluster;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Oplocks on the whole pipeline ({@link EmbeddedServer}), two connections to one file service: the
 * grant in the CREATE response, the break notification on the holder's connection while the
 * conflicting CREATE is pending, the acknowledgment and its checks, and the timeout.
 */
class OplockEmbeddedTest {
  static final int RW = 0x1 | 0x2 | 0x80 | 0x100 | 0x100000;

  @TempDir Path root;
  MemoryCluster cluster;
  EmbeddedServer s1;
  EmbeddedServer s2;
  Smb2TestClient c1;
  Smb2TestClient c2;

  void start(Duration timeout) throws Exception {
    Files.createDirectories(root.resolve("share"));
    cluster = new MemoryCluster().createPool(".smb");
    OpenFileTable table = new OpenFileTable(new KvStore(cluster.connect().store(".smb", "t")));
    FileService fs =
        new FileService(
            ShareVfsProvider.local(root),
            table,
            "n",
            1,
            new OplockManager("n", table, timeout),
            true);
    s1 = new EmbeddedServer(b -> {}, fs.handlers());
    s2 = new EmbeddedServer(b -> {}, fs.handlers());
    c1 = new Smb2TestClient(s1).ready("share");
    c2 = new Smb2TestClient(s2).ready("share");
  }

  @AfterEach
  void stop() {
    if (s1 != null) {
      s1.close();
      s2.close();
      cluster.close();
    }
  }

  static byte[] create(Smb2TestClient c, String name, int level, int disposition) {
    return c.request(
        Smb2Command.CREATE,
        b ->
            new Smb2CreateRequest(0, level, 2, RW, 0, 7, disposition, 0, name, List.of())
                .encode(b));
  }

  /**
   * The next reply on {@code s} that is not an interim STATUS_PENDING (a loaded machine is slow).
   */
  static Smb2TestClient.Reply finalReply(EmbeddedServer s) {
    while (true) {
      Smb2TestClient.Reply r = Smb2TestClient.split(s.receive()).get(0);
      if (r.status() != NtStatus.PENDING) {
        return r;
      }
    }
  }

  /** Sends on {@code c} through {@code s} and returns the final reply. */
  static Smb2TestClient.Reply call(EmbeddedServer s, byte[] request) {
    s.send(request);
    return finalReply(s);
  }

  static Smb2CreateResponse created(Smb2TestClient.Reply r) {
    assertEquals(NtStatus.SUCCESS, r.status());
    return Smb2CreateResponse.decode(Unpooled.wrappedBuffer(r.message()));
  }

  Smb2TestClient.Reply ack(Smb2TestClient c, int level, Smb2FileId id) {
    return call(
        c == c1 ? s1 : s2,
        c.request(Smb2Command.OPLOCK_BREAK, b -> new Smb2OplockBreak(level, id).encode(b)));
  }

  @Test
  void aBatchOplockIsBrokenToLevelIiAndAcknowledgedWhileTheSecondCreateIsPending()
      throws Exception {
    start(Duration.ofSeconds(30));
    Smb2CreateResponse first =
        created(call(s1, create(c1, "f.txt", OplockLevel.BATCH, Smb2CreateRequest.FILE_OPEN_IF)));
    assertEquals(OplockLevel.BATCH, first.oplockLevel());
    assertEquals(
        NtStatus.INVALID_OPLOCK_PROTOCOL,
        ack(c1, OplockLevel.NONE, first.fileId()).status(),
        "no break in progress");

    s2.send(create(c2, "f.txt", OplockLevel.BATCH, Smb2CreateRequest.FILE_OPEN));
    Smb2TestClient.Reply interim = Smb2TestClient.split(s2.receive()).get(0);
    assertEquals(NtStatus.PENDING, interim.status(), "the second CREATE goes async");

    Smb2TestClient.Reply brk = Smb2TestClient.split(s1.receive()).get(0);
    assertEquals(Smb2Command.OPLOCK_BREAK.code(), brk.header().command());
    assertEquals(-1L, brk.header().messageId());
    assertTrue((brk.header().flags() & Smb2Header.FLAG_SERVER_TO_REDIR) != 0);
    Smb2OplockBreak n = decodeBody(brk.message());
    assertEquals(OplockLevel.II, n.oplockLevel());
    assertEquals(first.fileId(), n.fileId());

    assertEquals(
        NtStatus.INVALID_PARAMETER,
        ack(c1, OplockLevel.EXCLUSIVE, first.fileId()).status(),
        "an exclusive level in an acknowledgment");
    assertEquals(NtStatus.FILE_CLOSED, ack(c1, OplockLevel.II, new Smb2FileId(1, 2)).status());
    Smb2TestClient.Reply answered = ack(c1, OplockLevel.II, first.fileId());
    assertEquals(NtStatus.SUCCESS, answered.status());
    assertEquals(OplockLevel.II, decodeBody(answered.message()).oplockLevel());

    Smb2CreateResponse second = created(finalReply(s2));
    assertEquals(OplockLevel.II, second.oplockLevel(), "level II beside the first open");
  }

  @Test
  void anUnansweredBreakTimesOutAndTheOverwriteProceeds() throws Exception {
    start(Duration.ofMillis(500));
    Smb2CreateResponse first =
        created(
            call(s1, create(c1, "g.txt", OplockLevel.EXCLUSIVE, Smb2CreateRequest.FILE_OPEN_IF)));
    assertEquals(OplockLevel.EXCLUSIVE, first.oplockLevel());
    s2.send(create(c2, "g.txt", OplockLevel.NONE, Smb2CreateRequest.FILE_OVERWRITE_IF));
    assertEquals(NtStatus.PENDING, Smb2TestClient.split(s2.receive()).get(0).status());
    Smb2OplockBreak n = decodeBody(Smb2TestClient.split(s1.receive()).get(0).message());
    assertEquals(OplockLevel.NONE, n.oplockLevel(), "an overwrite breaks to none");
    Smb2CreateResponse second = created(finalReply(s2));
    assertEquals(OplockLevel.NONE, second.oplockLevel());
    assertEquals(
        NtStatus.INVALID_OPLOCK_PROTOCOL,
        ack(c1, OplockLevel.NONE, first.fileId()).status(),
        "too late: the break timed out");
  }

  private static Smb2OplockBreak decodeBody(byte[] message) {
    return Smb2OplockBreak.decode(Unpooled.wrappedBuffer(message));
  }
}

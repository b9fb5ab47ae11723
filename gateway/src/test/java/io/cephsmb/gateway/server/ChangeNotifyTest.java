package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.fileservice.FileService;
import io.cephsmb.gateway.fileservice.ShareVfsProvider;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2ChangeNotifyRequest;
import io.cephsmb.gateway.mssmb2.Smb2CloseRequest;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2CreateRequest;
import io.cephsmb.gateway.mssmb2.Smb2CreateResponse;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.memory.MemoryCluster;
import io.netty.buffer.Unpooled;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CHANGE_NOTIFY on the whole pipeline over a local directory (node-local, coarse). */
class ChangeNotifyTest {
  @TempDir Path root;
  MemoryCluster cluster;
  EmbeddedServer server;
  Smb2TestClient c;

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(root.resolve("share"));
    cluster = new MemoryCluster().createPool(".smb");
    FileService fs =
        new FileService(
            ShareVfsProvider.local(root),
            new OpenFileTable(new KvStore(cluster.connect().store(".smb", "t"))),
            "n",
            1);
    server =
        new EmbeddedServer(b -> b.interimDelay(java.time.Duration.ofSeconds(30)), fs.handlers());
    c = new Smb2TestClient(server).ready("share");
  }

  @AfterEach
  void stop() {
    server.close();
    cluster.close();
  }

  private byte[] createRequest(String name, int options, int disposition) {
    return c.request(
        Smb2Command.CREATE,
        b ->
            new Smb2CreateRequest(
                    0, 0, 2, 0x1 | 0x2 | 0x80, 0, 7, disposition, options, name, List.of())
                .encode(b));
  }

  private Smb2FileId dir(String name) {
    Smb2TestClient.Reply r =
        c.call(
            createRequest(
                name, Smb2CreateRequest.FILE_DIRECTORY_FILE, Smb2CreateRequest.FILE_OPEN_IF));
    assertEquals(NtStatus.SUCCESS, r.status());
    return Smb2CreateResponse.decode(Unpooled.wrappedBuffer(r.message())).fileId();
  }

  private byte[] notifyRequest(Smb2FileId id, int flags) {
    return c.request(
        Smb2Command.CHANGE_NOTIFY,
        b -> new Smb2ChangeNotifyRequest(flags, 4096, id, 0x3).encode(b));
  }

  /** Sends {@code m} and collects {@code n} responses in any order. */
  private List<Smb2TestClient.Reply> send(byte[] m, int n) {
    c.transport.send(m);
    List<Smb2TestClient.Reply> out = new ArrayList<>();
    while (out.size() < n) {
      byte[] r = c.transport.receive();
      assertTrue(r != null, "connection closed");
      for (Smb2TestClient.Reply x : Smb2TestClient.split(r)) {
        if (x.status() != NtStatus.PENDING) {
          out.add(x); // interim responses of slow requests on a loaded machine are skipped
        }
      }
    }
    return out;
  }

  private static Smb2TestClient.Reply of(List<Smb2TestClient.Reply> rs, Smb2Command cmd) {
    return rs.stream().filter(r -> r.header().smb2Command() == cmd).findFirst().orElseThrow();
  }

  @Test
  void aCreateInTheDirectoryCompletesAWaitingNotify() {
    Smb2FileId d = dir("watched");
    Smb2TestClient.Reply interim = c.callRaw(notifyRequest(d, 0));
    assertEquals(NtStatus.PENDING, interim.status());
    List<Smb2TestClient.Reply> rs = send(createRequest("watched\\new.txt", 0, 2), 2);
    assertEquals(NtStatus.SUCCESS, of(rs, Smb2Command.CREATE).status());
    assertEquals(NtStatus.NOTIFY_ENUM_DIR, of(rs, Smb2Command.CHANGE_NOTIFY).status());
  }

  @Test
  void aChangeWhileNoneWaitsAnswersTheNextAtOnceAndCloseCleansUp() {
    Smb2FileId d = dir("w2");
    assertEquals(NtStatus.PENDING, c.callRaw(notifyRequest(d, 0)).status());
    List<Smb2TestClient.Reply> rs = send(createRequest("w2\\a", 0, 2), 2);
    assertEquals(NtStatus.NOTIFY_ENUM_DIR, of(rs, Smb2Command.CHANGE_NOTIFY).status());
    // a change below, outside the watched directory without WATCH_TREE: nothing
    assertEquals(NtStatus.SUCCESS, c.call(createRequest("other", 0, 2)).status());
    assertEquals(NtStatus.SUCCESS, c.call(createRequest("w2\\b", 0, 2)).status());
    assertEquals(NtStatus.NOTIFY_ENUM_DIR, c.callRaw(notifyRequest(d, 0)).status());
    assertEquals(NtStatus.PENDING, c.callRaw(notifyRequest(d, 0)).status());
    rs = send(c.request(Smb2Command.CLOSE, b -> new Smb2CloseRequest(0, d).encode(b)), 2);
    assertEquals(NtStatus.SUCCESS, of(rs, Smb2Command.CLOSE).status());
    assertEquals(NtStatus.NOTIFY_CLEANUP, of(rs, Smb2Command.CHANGE_NOTIFY).status());
  }

  @Test
  void watchTreeSeesSubdirectoriesAndBadRequestsFail() {
    Smb2FileId d = dir("top");
    dir("top\\sub");
    assertEquals(
        NtStatus.PENDING, c.callRaw(notifyRequest(d, Smb2ChangeNotifyRequest.WATCH_TREE)).status());
    List<Smb2TestClient.Reply> rs = send(createRequest("top\\sub\\deep.txt", 0, 2), 2);
    assertEquals(NtStatus.NOTIFY_ENUM_DIR, of(rs, Smb2Command.CHANGE_NOTIFY).status());
    Smb2TestClient.Reply f = c.call(createRequest("file.txt", 0, 2));
    Smb2FileId fid = Smb2CreateResponse.decode(Unpooled.wrappedBuffer(f.message())).fileId();
    assertEquals(NtStatus.INVALID_PARAMETER, c.callRaw(notifyRequest(fid, 0)).status());
    assertEquals(NtStatus.FILE_CLOSED, c.callRaw(notifyRequest(new Smb2FileId(1, 2), 0)).status());
  }
}

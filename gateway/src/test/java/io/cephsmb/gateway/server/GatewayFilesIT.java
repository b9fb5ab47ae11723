package io.cephsmb.gateway.server;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.gateway.config.PassDb;
import io.cephsmb.gateway.config.ShareConfig;
import io.cephsmb.gateway.config.ShareRecord;
import io.cephsmb.gateway.daemon.GatewayNode;
import io.cephsmb.gateway.msnlmp.NtlmCrypto;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2CloseRequest;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2CreateRequest;
import io.cephsmb.gateway.mssmb2.Smb2CreateResponse;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.gateway.openfiles.OpenRecord;
import io.cephsmb.gateway.testing.ClientProcess;
import io.cephsmb.gateway.testing.ClientProcess.Result;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.rados.LibradosClient;
import io.cephsmb.vfs.OpenFlag;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsHandle;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.cephfs.CephFsMounts;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file service on CephFS through two gateway nodes on the dev cluster: smbclient mkdir, put/get
 * byte-exact (512 MiB), ls of 5,000 entries, rename, del, rmdir, allinfo, setmode; share modes
 * across nodes (an open without FILE_SHARE_WRITE on node 1 makes a write open on node 2 fail with
 * STATUS_SHARING_VIOLATION until node 1 closes it); path escapes.
 */
@ExtendWith(CephDevClusterExtension.class)
class GatewayFilesIT {
  private static final String USER = "alice";
  private static final String PASSWORD = "Secret-1";

  private final DevCluster cluster;
  private String ns;
  private String dir;
  private RadosClient admin;
  private CephFsMounts mounts;
  private Vfs cephRoot;
  private GatewayNode n1;
  private GatewayNode n2;
  @TempDir Path local;

  GatewayFilesIT(DevCluster cluster) {
    this.cluster = cluster;
  }

  @BeforeEach
  void start() throws Exception {
    ns = "files-" + UUID.randomUUID();
    dir = "files-" + UUID.randomUUID();
    admin = LibradosClient.connect(cluster.confPath(), cluster.clientId());
    KvStore kv = new KvStore(admin.store(cluster.statePool(), ns));
    join(new PassDb(kv).add(USER, Bytes.wrap(NtlmCrypto.ntHash(PASSWORD)), -1, -1));
    join(new ShareConfig(kv).add(new ShareRecord("data", "/" + dir, "", false, false, false)));
    mounts =
        CephFsMounts.open(
            CephFsMounts.Config.defaults(cluster.confPath(), cluster.clientId(), "cephfs"));
    cephRoot = mounts.share("/");
    cephRoot.mkdir(VfsPath.of(dir), 0755);
    n1 = node("n1");
    n2 = node("n2");
  }

  private GatewayNode node(String name) throws InterruptedException {
    return GatewayNode.start(
        new GatewayNode.Bootstrap(
            cluster.confPath(), cluster.clientId(), cluster.statePool(), ns, name, "127.0.0.1", 0));
  }

  @AfterEach
  void stop() {
    if (n1 != null) {
      n1.close();
    }
    if (n2 != null) {
      n2.close();
    }
    try {
      removeTree(in());
    } catch (Exception e) {
      // best effort: the dev cluster is scratch space
    }
    mounts.close();
    admin.close();
  }

  private void removeTree(VfsPath p) throws Exception {
    try (io.cephsmb.vfs.DirStream d = cephRoot.openDir(p)) {
      for (List<io.cephsmb.vfs.DirEntry> batch = d.next(1000);
          !batch.isEmpty();
          batch = d.next(1000)) {
        for (io.cephsmb.vfs.DirEntry e : batch) {
          VfsPath c = p.resolve(e.name());
          if (e.stat().isDirectory()) {
            removeTree(c);
          } else {
            cephRoot.unlink(c);
          }
        }
      }
    }
    cephRoot.rmdir(p);
  }

  Result smbclient(GatewayNode g, String commands, String... extra) throws Exception {
    return ClientProcess.smbclient(
        local, g.port(), "data", USER + "%" + PASSWORD, commands, Duration.ofMinutes(3), extra);
  }

  private VfsPath in(String... names) throws Exception {
    List<String> c = new ArrayList<>(List.of(dir));
    c.addAll(List.of(names));
    return VfsPath.of(c);
  }

  @Test
  void smbclientFileOperations() throws Exception {
    // 512 MiB and a few bytes: several full-size READ/WRITE requests and a short tail
    Path up = local.resolve("up.bin");
    writeRandom(up, 512L * 1024 * 1024 + 777, 11);
    Result r =
        smbclient(
            n1,
            "mkdir sub; cd sub; put up.bin; get up.bin down.bin; rename up.bin moved.bin;"
                + " allinfo moved.bin; setmode moved.bin +r; allinfo moved.bin; ls");
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("attributes: RA"), r.output());
    assertTrue(r.output().contains("moved.bin"), r.output());
    assertEquals(-1L, Files.mismatch(up, local.resolve("down.bin")), "get is byte-exact");
    Files.delete(local.resolve("down.bin"));
    // read back through the other node
    Result other = smbclient(n2, "cd sub; get moved.bin again.bin");
    assertEquals(0, other.exit(), other.output());
    assertEquals(-1L, Files.mismatch(up, local.resolve("again.bin")), "byte-exact via node 2");
    Files.delete(local.resolve("again.bin"));
    Files.delete(up);
    Result del = smbclient(n2, "cd sub; setmode moved.bin -r; del moved.bin; cd ..; rmdir sub");
    assertEquals(0, del.exit(), del.output());
    assertTrue(cephRoot.openDir(in()).next(10).isEmpty(), "directory emptied");
    assertEquals(0, n1.files().openCount());
    assertEquals(0, n2.files().openCount());
  }

  private static void writeRandom(Path p, long size, long seed) throws java.io.IOException {
    Random rnd = new Random(seed);
    byte[] chunk = new byte[1 << 20];
    try (var out = Files.newOutputStream(p)) {
      for (long left = size; left > 0; left -= chunk.length) {
        rnd.nextBytes(chunk);
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
    }
  }

  @Test
  void listsAFewThousandEntries() throws Exception {
    cephRoot.mkdir(in("big"), 0755);
    for (int i = 0; i < 5000; i++) {
      VfsHandle h =
          cephRoot.open(in("big", "f" + i), EnumSet.of(OpenFlag.WRITE, OpenFlag.CREATE), 0644);
      cephRoot.write(h, 0, ByteBuffer.wrap(new byte[i % 5]), false);
      cephRoot.close(h);
    }
    Result r = smbclient(n1, "cd big; ls");
    assertEquals(0, r.exit(), r.output().substring(0, Math.min(3000, r.output().length())));
    assertEquals(5000, r.output().lines().filter(l -> l.trim().matches("f\\d+ .*")).count());
  }

  private static Smb2TestClient client(GatewayNode g) throws Exception {
    Smb2TestClient c = new Smb2TestClient(new SocketTransport(g.port(), 30_000));
    assertEquals(NtStatus.SUCCESS, c.negotiate(1).status());
    assertEquals(NtStatus.SUCCESS, c.login(USER, PASSWORD, 1));
    assertEquals(NtStatus.SUCCESS, c.treeConnect("data"));
    return c;
  }

  private static Smb2TestClient.Reply create(
      Smb2TestClient c, String name, int access, int share, int disposition) {
    return c.call(
        c.request(
            Smb2Command.CREATE,
            b ->
                new Smb2CreateRequest(0, 0, 2, access, 0, share, disposition, 0, name, List.of())
                    .encode(b)));
  }

  private static Smb2FileId fileId(Smb2TestClient.Reply r) {
    return Smb2CreateResponse.decode(Unpooled.wrappedBuffer(r.message())).fileId();
  }

  private static NtStatus close(Smb2TestClient c, Smb2FileId id) {
    return c.call(c.request(Smb2Command.CLOSE, b -> new Smb2CloseRequest(0, id).encode(b)))
        .status();
  }

  @Test
  void shareModesHoldAcrossNodes() throws Exception {
    Smb2TestClient a = client(n1);
    Smb2TestClient b = client(n2);
    int readWrite = 0x3 | 0x80 | 0x100000;
    Smb2TestClient.Reply ra =
        create(a, "shared.txt", readWrite, 0x1, Smb2CreateRequest.FILE_OPEN_IF);
    assertEquals(NtStatus.SUCCESS, ra.status());
    Smb2TestClient.Reply rb = create(b, "shared.txt", 0x2 | 0x80, 0x7, Smb2CreateRequest.FILE_OPEN);
    assertEquals(NtStatus.SHARING_VIOLATION, rb.status());
    Smb2TestClient.Reply reader = create(b, "shared.txt", 0x1 | 0x80, 0x7, 1);
    assertEquals(NtStatus.SUCCESS, reader.status(), "node 1 shares read");
    assertEquals(NtStatus.SUCCESS, close(b, fileId(reader)));
    Smb2TestClient.Reply attrs = create(b, "shared.txt", 0x80, 0x7, 1);
    assertEquals(NtStatus.SUCCESS, attrs.status(), "attribute-only opens never conflict");
    assertEquals(NtStatus.SUCCESS, close(b, fileId(attrs)));
    assertEquals(NtStatus.SUCCESS, close(a, fileId(ra)));
    Smb2TestClient.Reply again =
        create(b, "shared.txt", 0x2 | 0x80, 0x7, Smb2CreateRequest.FILE_OPEN);
    assertEquals(NtStatus.SUCCESS, again.status());
    assertEquals(NtStatus.SUCCESS, close(b, fileId(again)));
  }

  @Test
  void deleteOnCloseThroughOtherNode() throws Exception {
    Smb2TestClient a = client(n1);
    Smb2TestClient b = client(n2);
    Smb2TestClient.Reply ra =
        create(a, "doomed.txt", 0x3 | 0x80, 0x7, Smb2CreateRequest.FILE_CREATE);
    assertEquals(NtStatus.SUCCESS, ra.status());
    Smb2TestClient.Reply rb =
        b.call(
            b.request(
                Smb2Command.CREATE,
                x ->
                    new Smb2CreateRequest(
                            0,
                            0,
                            2,
                            0x10000 | 0x80,
                            0,
                            0x7,
                            Smb2CreateRequest.FILE_OPEN,
                            Smb2CreateRequest.FILE_DELETE_ON_CLOSE,
                            "doomed.txt",
                            List.of())
                        .encode(x)));
    assertEquals(NtStatus.SUCCESS, rb.status());
    assertEquals(NtStatus.SUCCESS, close(b, fileId(rb)));
    assertEquals(
        NtStatus.DELETE_PENDING, create(b, "doomed.txt", 0x1, 0x7, 1).status(), "delete pending");
    assertEquals(NtStatus.SUCCESS, close(a, fileId(ra)));
    assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, create(b, "doomed.txt", 0x1, 0x7, 1).status());
  }

  @Test
  void aRecordLeftByAnEndedIncarnationBlocksNothing() throws Exception {
    // node 1's previous incarnation recorded an exclusive open and died before its index entry
    // landed (so the restart purge could not find it): the record is written here directly
    VfsHandle h =
        cephRoot.open(in("orphan.txt"), EnumSet.of(OpenFlag.WRITE, OpenFlag.CREATE), 0644);
    long ino = cephRoot.stat(h).ino();
    cephRoot.close(h);
    OpenFileTable raw = new OpenFileTable(new KvStore(admin.store(cluster.statePool(), ns)));
    OpenRecord stale =
        new OpenRecord(
            "n1",
            n1.incarnation() - 1,
            77,
            "",
            0x3,
            0,
            false,
            false,
            1,
            Bytes.EMPTY,
            Bytes.EMPTY,
            0);
    assertEquals(OpenFileTable.OpenOutcome.OPENED, join(raw.open(ino, stale)));
    // an exclusive writer through node 2 is admitted, and its transaction removed the record
    Smb2TestClient b = client(n2);
    Smb2TestClient.Reply w = create(b, "orphan.txt", 0x3 | 0x80, 0, Smb2CreateRequest.FILE_OPEN);
    assertEquals(NtStatus.SUCCESS, w.status());
    assertEquals(
        List.of("n2"), join(raw.query(ino)).opens().stream().map(OpenRecord::nodeId).toList());
    // a record of the current incarnation is honoured
    Smb2TestClient a = client(n1);
    assertEquals(
        NtStatus.SHARING_VIOLATION,
        create(a, "orphan.txt", 0x1 | 0x80, 0x7, Smb2CreateRequest.FILE_OPEN).status());
    assertEquals(NtStatus.SUCCESS, close(b, fileId(w)));
  }

  @Test
  void pathEscapesFailAndChangeNothing() throws Exception {
    Smb2TestClient a = client(n1);
    List<String> before = names(cephRoot.openDir(VfsPath.root()).next(10_000));
    int create = Smb2CreateRequest.FILE_CREATE;
    assertEquals(
        NtStatus.OBJECT_PATH_SYNTAX_BAD, create(a, "..\\escape.txt", 0x3, 7, create).status());
    assertEquals(
        NtStatus.OBJECT_PATH_SYNTAX_BAD,
        create(a, "x\\..\\..\\escape.txt", 0x3, 7, create).status());
    assertEquals(NtStatus.INVALID_PARAMETER, create(a, "\\escape.txt", 0x3, 7, create).status());
    assertEquals(NtStatus.OBJECT_NAME_INVALID, create(a, "a/../../b", 0x3, 7, create).status());
    assertEquals(NtStatus.OBJECT_NAME_INVALID, create(a, "a\\\\b", 0x3, 7, create).status());
    assertEquals(NtStatus.OBJECT_NAME_INVALID, create(a, "a*b", 0x3, 7, create).status());
    assertEquals(
        NtStatus.OBJECT_NAME_INVALID, create(a, "f.txt:stream:$FOO", 0x3, 7, create).status());
    assertEquals(NtStatus.OBJECT_NAME_INVALID, create(a, "f.txt:a/b", 0x3, 7, create).status());
    assertEquals(NtStatus.OBJECT_NAME_INVALID, create(a, "f.txt:", 0x3, 7, create).status());
    assertEquals(NtStatus.ACCESS_DENIED, create(a, ".cephsmb-streams\\x", 0x3, 7, create).status());
    assertEquals(before, names(cephRoot.openDir(VfsPath.root()).next(10_000)));
    assertTrue(cephRoot.openDir(in()).next(10).isEmpty());
    Result r = smbclient(n1, "get ..\\..\\etc\\passwd pw; del ..\\x");
    assertFalse(Files.exists(local.resolve("pw")), r.output());
  }

  private static List<String> names(List<io.cephsmb.vfs.DirEntry> entries) {
    return entries.stream().map(io.cephsmb.vfs.DirEntry::name).sorted().toList();
  }
}

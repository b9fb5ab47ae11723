package io.cephsmb.gateway.server;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.cephsmb.gateway.mssmb2.Smb2SetInfoRequest;
import io.cephsmb.gateway.testing.ClientProcess;
import io.cephsmb.gateway.testing.ClientProcess.Result;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.rados.LibradosClient;
import io.cephsmb.vfs.DirEntry;
import io.cephsmb.vfs.DirStream;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.cephfs.CephFsMounts;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names through two gateway nodes on the dev cluster and CephFS: a directory with a file open
 * through node 1 cannot be renamed through node 2 (STATUS_ACCESS_DENIED, as Windows) until node 1
 * closes it; smbclient opens, lists and renames names in another case and by their 8.3 short name.
 */
@ExtendWith(CephDevClusterExtension.class)
class GatewayNamesIT {
  private static final String USER = "alice";
  private static final String PASSWORD = "Secret-1";
  private static final int FILE_RENAME = 10;

  private final DevCluster cluster;
  private String dir;
  private RadosClient admin;
  private CephFsMounts mounts;
  private Vfs cephRoot;
  private GatewayNode n1;
  private GatewayNode n2;
  @TempDir Path local;

  GatewayNamesIT(DevCluster cluster) {
    this.cluster = cluster;
  }

  @BeforeEach
  void start() throws Exception {
    String ns = "names-" + UUID.randomUUID();
    dir = "names-" + UUID.randomUUID();
    admin = LibradosClient.connect(cluster.confPath(), cluster.clientId());
    KvStore kv = new KvStore(admin.store(cluster.statePool(), ns));
    join(new PassDb(kv).add(USER, Bytes.wrap(NtlmCrypto.ntHash(PASSWORD)), -1, -1));
    join(new ShareConfig(kv).add(new ShareRecord("data", "/" + dir, "", false, false, false)));
    mounts =
        CephFsMounts.open(
            CephFsMounts.Config.defaults(cluster.confPath(), cluster.clientId(), "cephfs"));
    cephRoot = mounts.share("/");
    cephRoot.mkdir(VfsPath.of(dir), 0755);
    n1 = node(ns, "n1");
    n2 = node(ns, "n2");
  }

  private GatewayNode node(String ns, String name) throws InterruptedException {
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
      removeTree(VfsPath.of(dir));
    } catch (Exception e) {
      // best effort: the dev cluster is scratch space
    }
    mounts.close();
    admin.close();
  }

  private void removeTree(VfsPath p) throws Exception {
    try (DirStream d = cephRoot.openDir(p)) {
      for (List<DirEntry> batch = d.next(1000); !batch.isEmpty(); batch = d.next(1000)) {
        for (DirEntry e : batch) {
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

  private List<String> namesIn(String... sub) throws Exception {
    List<String> c = new ArrayList<>(List.of(dir));
    c.addAll(List.of(sub));
    try (DirStream d = cephRoot.openDir(VfsPath.of(c))) {
      return d.next(1000).stream().map(DirEntry::name).sorted().toList();
    }
  }

  private static Smb2TestClient client(GatewayNode g) throws Exception {
    Smb2TestClient c = new Smb2TestClient(new SocketTransport(g.port(), 30_000));
    assertEquals(NtStatus.SUCCESS, c.negotiate(1).status());
    assertEquals(NtStatus.SUCCESS, c.login(USER, PASSWORD, 1));
    assertEquals(NtStatus.SUCCESS, c.treeConnect("data"));
    return c;
  }

  private static Smb2TestClient.Reply create(
      Smb2TestClient c, String name, int access, int disposition, int options) {
    return c.call(
        c.request(
            Smb2Command.CREATE,
            b ->
                new Smb2CreateRequest(
                        0, 0, 2, access, 0, 0x7, disposition, options, name, List.of())
                    .encode(b)));
  }

  private static Smb2FileId fileId(Smb2TestClient.Reply r) {
    return Smb2CreateResponse.decode(Unpooled.wrappedBuffer(r.message())).fileId();
  }

  private static NtStatus close(Smb2TestClient c, Smb2FileId id) {
    return c.call(c.request(Smb2Command.CLOSE, b -> new Smb2CloseRequest(0, id).encode(b)))
        .status();
  }

  /** FileRenameInformation ([MS-FSCC] 2.4.37.2) through SET_INFO. */
  private static NtStatus rename(Smb2TestClient c, Smb2FileId id, String to, boolean replace) {
    byte[] name = to.getBytes(StandardCharsets.UTF_16LE);
    ByteBuffer b = ByteBuffer.allocate(20 + name.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(0, (byte) (replace ? 1 : 0)).putInt(16, name.length).put(20, name);
    return c.call(
            c.request(
                Smb2Command.SET_INFO,
                x -> new Smb2SetInfoRequest(1, FILE_RENAME, b.array(), 0, id).encode(x)))
        .status();
  }

  @Test
  void aDirectoryWithAFileOpenOnNodeOneCannotBeRenamedOnNodeTwo() throws Exception {
    Smb2TestClient a = client(n1);
    Smb2TestClient b = client(n2);
    Smb2TestClient.Reply d =
        create(
            a,
            "Folder",
            0x1 | 0x80,
            Smb2CreateRequest.FILE_CREATE,
            Smb2CreateRequest.FILE_DIRECTORY_FILE);
    assertEquals(NtStatus.SUCCESS, d.status());
    assertEquals(NtStatus.SUCCESS, close(a, fileId(d)));
    Smb2TestClient.Reply f =
        create(a, "Folder\\Sub.txt", 0x3 | 0x80, Smb2CreateRequest.FILE_CREATE, 0);
    assertEquals(NtStatus.SUCCESS, f.status());
    // node 2 opens the directory (another case) for DELETE and tries to rename it
    Smb2TestClient.Reply rd =
        create(
            b,
            "FOLDER",
            0x10000 | 0x80,
            Smb2CreateRequest.FILE_OPEN,
            Smb2CreateRequest.FILE_DIRECTORY_FILE);
    assertEquals(NtStatus.SUCCESS, rd.status());
    assertEquals(NtStatus.ACCESS_DENIED, rename(b, fileId(rd), "Renamed", false));
    assertEquals(List.of("Folder"), namesIn());
    // after node 1's close the same handle renames it
    assertEquals(NtStatus.SUCCESS, close(a, fileId(f)));
    assertEquals(NtStatus.SUCCESS, rename(b, fileId(rd), "Renamed", false));
    assertEquals(List.of("Renamed"), namesIn());
    assertEquals(List.of("Sub.txt"), namesIn("Renamed"));
    assertEquals(NtStatus.SUCCESS, close(b, fileId(rd)));
    // a file open below through node 2 itself, then renamed: its index entry follows it
    Smb2TestClient.Reply g =
        create(b, "renamed\\sub.TXT", 0x10000 | 0x80, Smb2CreateRequest.FILE_OPEN, 0);
    assertEquals(NtStatus.SUCCESS, g.status());
    assertEquals(NtStatus.SUCCESS, rename(b, fileId(g), "renamed\\Moved.txt", false));
    Smb2TestClient.Reply rd2 =
        create(
            a,
            "Renamed",
            0x10000 | 0x80,
            Smb2CreateRequest.FILE_OPEN,
            Smb2CreateRequest.FILE_DIRECTORY_FILE);
    assertEquals(NtStatus.SUCCESS, rd2.status());
    assertEquals(NtStatus.ACCESS_DENIED, rename(a, fileId(rd2), "Again", false));
    assertEquals(NtStatus.SUCCESS, close(b, fileId(g)));
    assertEquals(NtStatus.SUCCESS, rename(a, fileId(rd2), "Again", false));
    assertEquals(List.of("Moved.txt"), namesIn("Again"));
    assertEquals(NtStatus.SUCCESS, close(a, fileId(rd2)));
  }

  @Test
  void namesInAnyCaseAndShortNamesThroughSmbclient() throws Exception {
    byte[] data = "case-insensitive\n".getBytes(StandardCharsets.UTF_8);
    Files.write(local.resolve("up.txt"), data);
    Result r = smbclient(n1, "mkdir Project; cd PROJECT; put up.txt \"Quarterly Report.docx\"");
    assertEquals(0, r.exit(), r.output());
    assertEquals(List.of("Project"), namesIn());
    assertEquals(List.of("Quarterly Report.docx"), namesIn("Project"), r.output());
    r =
        smbclient(
            n2,
            "cd project; get \"QUARTERLY REPORT.DOCX\" a.txt; allinfo \"quarterly report.docx\"");
    assertEquals(0, r.exit(), r.output());
    assertArrayEquals(data, Files.readAllBytes(local.resolve("a.txt")));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("altname: (QU[0-9A-Z]{4}~[0-9A-Z]\\.DOC)")
            .matcher(r.output());
    assertTrue(m.find(), r.output());
    String shortName = m.group(1);
    r = smbclient(n1, "cd Project; get " + shortName + " b.txt; ls " + shortName);
    assertEquals(0, r.exit(), r.output());
    assertArrayEquals(data, Files.readAllBytes(local.resolve("b.txt")));
    assertTrue(r.output().contains("Quarterly Report.docx"), r.output());
    // creating the name in another case opens the existing file; a case-only rename keeps it
    r = smbclient(n2, "cd PROJECT; put up.txt \"quarterly report.DOCX\"");
    assertEquals(0, r.exit(), r.output());
    assertEquals(List.of("Quarterly Report.docx"), namesIn("Project"));
    r = smbclient(n2, "cd PROJECT; rename \"quarterly report.docx\" \"QUARTERLY REPORT.docx\"");
    assertEquals(0, r.exit(), r.output());
    assertEquals(List.of("QUARTERLY REPORT.docx"), namesIn("Project"));
  }

  Result smbclient(GatewayNode g, String commands) throws Exception {
    return ClientProcess.smbclient(
        local, g.port(), "data", USER + "%" + PASSWORD, commands, Duration.ofMinutes(3));
  }
}

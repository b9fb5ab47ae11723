package io.cephsmb.gateway.server;

import static io.cephsmb.omapkv.Futures.join;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.cephdev.CephDevClusterExtension;
import io.cephsmb.cephdev.DevCluster;
import io.cephsmb.gateway.config.PassDb;
import io.cephsmb.gateway.config.ShareConfig;
import io.cephsmb.gateway.config.ShareRecord;
import io.cephsmb.gateway.daemon.GatewayNode;
import io.cephsmb.gateway.msdtyp.Ace;
import io.cephsmb.gateway.msdtyp.Acl;
import io.cephsmb.gateway.msdtyp.SecurityDescriptor;
import io.cephsmb.gateway.msdtyp.Sid;
import io.cephsmb.gateway.msnlmp.NtlmCrypto;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2CloseRequest;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2CreateContext;
import io.cephsmb.gateway.mssmb2.Smb2CreateRequest;
import io.cephsmb.gateway.mssmb2.Smb2CreateResponse;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.mssmb2.Smb2OutputBufferResponse;
import io.cephsmb.gateway.mssmb2.Smb2QueryInfoRequest;
import io.cephsmb.gateway.mssmb2.Smb2SetInfoRequest;
import io.cephsmb.gateway.testing.ClientProcess;
import io.cephsmb.gateway.testing.ClientProcess.Result;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.rados.LibradosClient;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.cephfs.CephFsMounts;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * File metadata on CephFS through gateway nodes on the dev cluster, read back with smbclient
 * through another node and after a node restart: security descriptors (set over SMB2, shown by
 * smbclient's {@code showacls}, enforced on later opens, kept in the {@code user.cephsmb.ntacl}
 * xattr), EAs (the ExtA create context, FileFullEaInformation, {@code user.} xattrs), times
 * (smbclient {@code utimes}: a ChangeTime and times outside CephFS's range survive other nodes and
 * a restart), READONLY with delete.
 */
@ExtendWith(CephDevClusterExtension.class)
class GatewayMetadataIT {
  private static final String USER = "alice";
  private static final String PASSWORD = "Secret-1";

  private final DevCluster cluster;
  private String ns;
  private String dir;
  private RadosClient admin;
  private CephFsMounts mounts;
  private Vfs cephRoot;
  private final List<GatewayNode> nodes = new ArrayList<>();
  @TempDir Path local;

  GatewayMetadataIT(DevCluster cluster) {
    this.cluster = cluster;
  }

  @BeforeEach
  void start() throws Exception {
    ns = "meta-" + UUID.randomUUID();
    dir = "meta-" + UUID.randomUUID();
    admin = LibradosClient.connect(cluster.confPath(), cluster.clientId());
    KvStore kv = new KvStore(admin.store(cluster.statePool(), ns));
    join(new PassDb(kv).add(USER, Bytes.wrap(NtlmCrypto.ntHash(PASSWORD)), -1, -1));
    join(new ShareConfig(kv).add(new ShareRecord("data", "/" + dir, "", false, false, false)));
    mounts =
        CephFsMounts.open(
            CephFsMounts.Config.defaults(cluster.confPath(), cluster.clientId(), "cephfs"));
    cephRoot = mounts.share("/");
    cephRoot.mkdir(VfsPath.of(dir), 0755);
  }

  private GatewayNode node(String name) throws InterruptedException {
    GatewayNode n =
        GatewayNode.start(
            new GatewayNode.Bootstrap(
                cluster.confPath(),
                cluster.clientId(),
                cluster.statePool(),
                ns,
                name,
                "127.0.0.1",
                0));
    nodes.add(n);
    return n;
  }

  @AfterEach
  void stop() {
    nodes.forEach(GatewayNode::close);
    try {
      for (String f : List.of("acl.txt", "ea.txt", "times.txt", "ro.txt")) {
        try {
          cephRoot.unlink(VfsPath.of(dir, f));
        } catch (VfsException ignored) {
          // not made by this test
        }
      }
      cephRoot.rmdir(VfsPath.of(dir));
    } catch (Exception e) {
      // best effort: the dev cluster is scratch space
    }
    mounts.close();
    admin.close();
  }

  Result smbclient(GatewayNode g, String commands) throws Exception {
    return ClientProcess.smbclient(
        local, g.port(), "data", USER + "%" + PASSWORD, commands, Duration.ofMinutes(2));
  }

  private static Smb2TestClient client(GatewayNode g) throws Exception {
    Smb2TestClient c = new Smb2TestClient(new SocketTransport(g.port(), 30_000));
    assertEquals(NtStatus.SUCCESS, c.negotiate(1).status());
    assertEquals(NtStatus.SUCCESS, c.login(USER, PASSWORD, 1));
    assertEquals(NtStatus.SUCCESS, c.treeConnect("data"));
    return c;
  }

  private static Smb2TestClient.Reply create(
      Smb2TestClient c, String name, int access, int disposition, List<Smb2CreateContext> ctx) {
    return c.call(
        c.request(
            Smb2Command.CREATE,
            b ->
                new Smb2CreateRequest(0, 0, 2, access, 0, 7, disposition, 0, name, ctx).encode(b)));
  }

  private static Smb2FileId fileId(Smb2TestClient.Reply r) {
    return Smb2CreateResponse.decode(Unpooled.wrappedBuffer(r.message())).fileId();
  }

  private static void close(Smb2TestClient c, Smb2FileId id) {
    assertEquals(
        NtStatus.SUCCESS,
        c.call(c.request(Smb2Command.CLOSE, b -> new Smb2CloseRequest(0, id).encode(b))).status());
  }

  private static Smb2TestClient.Reply query(
      Smb2TestClient c, Smb2FileId id, int type, int cls, int info) {
    return c.call(
        c.request(
            Smb2Command.QUERY_INFO,
            b -> new Smb2QueryInfoRequest(type, cls, 65536, new byte[0], info, 0, id).encode(b)));
  }

  @Test
  void securityDescriptorIsKeptEnforcedAndShown() throws Exception {
    GatewayNode n1 = node("n1");
    GatewayNode n2 = node("n2");
    Smb2TestClient a = client(n1);
    // READ_CONTROL | WRITE_DAC | WRITE_OWNER | FILE_READ_DATA | FILE_WRITE_DATA
    Smb2TestClient.Reply r =
        create(a, "acl.txt", 0xE0003, Smb2CreateRequest.FILE_CREATE, List.of());
    assertEquals(NtStatus.SUCCESS, r.status());
    Smb2FileId id = fileId(r);
    // the derived descriptor: owner and group as S-1-22 SIDs, a DACL
    Smb2TestClient.Reply q = query(a, id, 3, 0, 0x7);
    assertEquals(NtStatus.SUCCESS, q.status());
    SecurityDescriptor derived =
        SecurityDescriptor.decode(
            Smb2OutputBufferResponse.decode(Unpooled.wrappedBuffer(q.message())).output());
    assertTrue(derived.owner().toString().startsWith("S-1-22-1-"), derived.owner().toString());
    assertTrue(derived.daclPresent());
    // a too small buffer: STATUS_BUFFER_TOO_SMALL
    Smb2TestClient.Reply small =
        a.call(
            a.request(
                Smb2Command.QUERY_INFO,
                b -> new Smb2QueryInfoRequest(3, 0, 8, new byte[0], 0x7, 0, id).encode(b)));
    assertEquals(NtStatus.BUFFER_TOO_SMALL, small.status());
    // set a DACL that lets Authenticated Users read, nothing else
    SecurityDescriptor sd =
        new SecurityDescriptor(
            SecurityDescriptor.DACL_PRESENT,
            null,
            null,
            null,
            Acl.of(List.of(Ace.of(Ace.ACCESS_ALLOWED, 0, 0x120089, Sid.AUTHENTICATED_USERS))));
    Smb2TestClient.Reply s =
        a.call(
            a.request(
                Smb2Command.SET_INFO,
                b -> new Smb2SetInfoRequest(3, 0, sd.encode(), 0x4, id).encode(b)));
    assertEquals(NtStatus.SUCCESS, s.status());
    // a malformed descriptor changes nothing
    Smb2TestClient.Reply bad =
        a.call(
            a.request(
                Smb2Command.SET_INFO,
                b -> new Smb2SetInfoRequest(3, 0, new byte[] {1, 0, 4}, 0x4, id).encode(b)));
    assertEquals(NtStatus.INVALID_SECURITY_DESCR, bad.status());
    close(a, id);
    assertTrue(cephRoot.getXattr(VfsPath.of(dir, "acl.txt"), "cephsmb.ntacl").length > 20);

    // through the other node: smbclient shows the ACE, a write open is refused, a read open is not
    Result shown = smbclient(n2, "showacls; ls acl.txt");
    assertEquals(0, shown.exit(), shown.output());
    assertTrue(shown.output().contains("S-1-5-11"), shown.output());
    Smb2TestClient b = client(n2);
    assertEquals(
        NtStatus.ACCESS_DENIED,
        create(b, "acl.txt", 0x2, Smb2CreateRequest.FILE_OPEN, List.of()).status());
    Smb2TestClient.Reply read = create(b, "acl.txt", 0x1, Smb2CreateRequest.FILE_OPEN, List.of());
    assertEquals(NtStatus.SUCCESS, read.status());
    close(b, fileId(read));
  }

  @Test
  void extendedAttributesAreUserXattrs() throws Exception {
    GatewayNode n1 = node("n1");
    GatewayNode n2 = node("n2");
    // FILE_FULL_EA_INFORMATION with EAONE=VALUE1, SECONDEA=ValueTwo ([MS-FSCC] 2.4.15)
    byte[] list =
        HexFormat.of()
            .parseHex(
                "1400000000050600"
                    + HexFormat.of().formatHex("EAONE\0VALUE1".getBytes(StandardCharsets.US_ASCII))
                    + "0000000000080800"
                    + HexFormat.of()
                        .formatHex("SECONDEA\0ValueTwo".getBytes(StandardCharsets.US_ASCII)));
    Smb2TestClient a = client(n1);
    Smb2TestClient.Reply r =
        create(
            a,
            "ea.txt",
            0x12019F,
            Smb2CreateRequest.FILE_CREATE,
            List.of(Smb2CreateContext.of(Smb2CreateContext.EXTA, list)));
    assertEquals(NtStatus.SUCCESS, r.status());
    close(a, fileId(r));
    assertArrayEquals(
        "VALUE1".getBytes(StandardCharsets.US_ASCII),
        cephRoot.getXattr(VfsPath.of(dir, "ea.txt"), "EAONE"));
    // read back through the other node: the same list; FileEaInformation has its size
    Smb2TestClient b = client(n2);
    Smb2TestClient.Reply o = create(b, "ea.txt", 0x120089, Smb2CreateRequest.FILE_OPEN, List.of());
    assertEquals(NtStatus.SUCCESS, o.status());
    Smb2FileId id = fileId(o);
    Smb2TestClient.Reply all = query(b, id, 1, 15, 0);
    assertEquals(NtStatus.SUCCESS, all.status());
    assertArrayEquals(
        list, Smb2OutputBufferResponse.decode(Unpooled.wrappedBuffer(all.message())).output());
    Smb2TestClient.Reply size = query(b, id, 1, 7, 0);
    byte[] s = Smb2OutputBufferResponse.decode(Unpooled.wrappedBuffer(size.message())).output();
    assertEquals(list.length, s[0] & 0xff);
    // setting an EA needs FILE_WRITE_EA, which this open has not
    byte[] one = HexFormat.of().parseHex("0000000000010100" + "4100" + "42");
    assertEquals(
        NtStatus.ACCESS_DENIED,
        b.call(
                b.request(
                    Smb2Command.SET_INFO, x -> new Smb2SetInfoRequest(1, 15, one, 0, id).encode(x)))
            .status());
    close(b, id);
    // an EA in the gateway's own namespace is refused and nothing is created
    byte[] own =
        HexFormat.of()
            .parseHex(
                "0000000000"
                    + "0d0100"
                    + HexFormat.of()
                        .formatHex("cephsmb.ntacl\0X".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(
        NtStatus.INVALID_EA_NAME,
        create(
                a,
                "ea2.txt",
                0x12019F,
                Smb2CreateRequest.FILE_CREATE,
                List.of(Smb2CreateContext.of(Smb2CreateContext.EXTA, own)))
            .status());
    assertThrows(VfsException.class, () -> cephRoot.stat(VfsPath.of(dir, "ea2.txt")));
  }

  @Test
  void timesSurviveOtherNodesAndARestart() throws Exception {
    GatewayNode n1 = node("n1");
    GatewayNode n2 = node("n2");
    Files.writeString(local.resolve("t.txt"), "times");
    Result set =
        smbclient(
            n1,
            "put t.txt times.txt;"
                + " utimes times.txt 1950:01:02-03:04:05 -1 2150:01:01-00:00:00"
                + " 1999:12:31-23:59:58; allinfo times.txt");
    assertEquals(0, set.exit(), set.output());
    String expect = "change_time:    Fri Dec 31 23:59:58 1999";
    assertTrue(set.output().contains(expect), set.output());
    for (GatewayNode g : List.of(n2)) {
      Result other = smbclient(g, "allinfo times.txt");
      assertTrue(
          other.output().contains("create_time:    Mon Jan  2 03:04:05 1950"), other.output());
      assertTrue(
          other.output().contains("write_time:     Thu Jan  1 00:00:00 2150"), other.output());
      assertTrue(other.output().contains(expect), other.output());
    }
    n1.close();
    nodes.remove(n1);
    GatewayNode n3 = node("n3");
    Result after = smbclient(n3, "allinfo times.txt");
    assertTrue(after.output().contains(expect), after.output());
    // a change of the file ends the ChangeTime a client set: it is the file's ctime again
    Result changed = smbclient(n3, "put t.txt times.txt; allinfo times.txt");
    assertFalse(changed.output().contains(expect), changed.output());
  }

  @Test
  void readOnlyFileCannotBeDeleted() throws Exception {
    GatewayNode n1 = node("n1");
    Files.writeString(local.resolve("r.txt"), "ro");
    Result r = smbclient(n1, "put r.txt ro.txt; setmode ro.txt +r; del ro.txt");
    assertTrue(r.output().contains("NT_STATUS_CANNOT_DELETE"), r.output());
    cephRoot.stat(VfsPath.of(dir, "ro.txt"));
    Result ok = smbclient(n1, "setmode ro.txt -r; del ro.txt");
    assertEquals(0, ok.exit(), ok.output());
    assertThrows(VfsException.class, () -> cephRoot.stat(VfsPath.of(dir, "ro.txt")));
  }
}

package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.fileservice.FileService;
import io.cephsmb.gateway.fileservice.ShareVfsProvider;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2CloseRequest;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2CreateRequest;
import io.cephsmb.gateway.mssmb2.Smb2CreateResponse;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.mssmb2.Smb2IoctlRequest;
import io.cephsmb.gateway.mssmb2.Smb2IoctlResponse;
import io.cephsmb.gateway.mssmb2.Smb2OutputBufferResponse;
import io.cephsmb.gateway.mssmb2.Smb2QueryInfoRequest;
import io.cephsmb.gateway.mssmb2.Smb2ReadRequest;
import io.cephsmb.gateway.mssmb2.Smb2ReadResponse;
import io.cephsmb.gateway.mssmb2.Smb2SetInfoRequest;
import io.cephsmb.gateway.mssmb2.Smb2WriteRequest;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.memory.MemoryCluster;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alternate data streams and the file FSCTLs on the whole pipeline ({@link EmbeddedServer}) over a
 * local directory: names, I/O, listing, per-stream share modes, delete rules, rename; resume keys
 * and server-side copy with its limits and access checks, sparse, allocated ranges, zero data,
 * object ids, and the statuses of what is not there.
 */
class StreamsAndFsctlTest {
  static final int ALL = 0x001F01FF;
  static final int RW = 0x1 | 0x2 | 0x80 | 0x100 | 0x100000;
  static final int OPEN = Smb2CreateRequest.FILE_OPEN;
  static final int CREATE = Smb2CreateRequest.FILE_CREATE;
  static final int OPEN_IF = Smb2CreateRequest.FILE_OPEN_IF;

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
    server = new EmbeddedServer(b -> {}, fs.handlers());
    c = new Smb2TestClient(server).ready("share");
  }

  @AfterEach
  void stop() {
    server.close();
    cluster.close();
  }

  Smb2TestClient.Reply create(String name, int access, int share, int disposition, int options) {
    return c.call(
        c.request(
            Smb2Command.CREATE,
            b ->
                new Smb2CreateRequest(
                        0, 0, 2, access, 0, share, disposition, options, name, java.util.List.of())
                    .encode(b)));
  }

  Smb2FileId open(String name, int access, int share, int disposition) {
    Smb2TestClient.Reply r = create(name, access, share, disposition, 0);
    assertEquals(NtStatus.SUCCESS, r.status(), name);
    return Smb2CreateResponse.decode(Unpooled.wrappedBuffer(r.message())).fileId();
  }

  NtStatus close(Smb2FileId id) {
    return c.call(c.request(Smb2Command.CLOSE, b -> new Smb2CloseRequest(0, id).encode(b)))
        .status();
  }

  void write(Smb2FileId id, long offset, byte[] data) {
    assertEquals(
        NtStatus.SUCCESS,
        c.call(
                c.request(
                    Smb2Command.WRITE,
                    b -> new Smb2WriteRequest(offset, id, 0, 0, 0, data).encode(b)))
            .status());
  }

  byte[] read(Smb2FileId id, long offset, int length) {
    Smb2TestClient.Reply r =
        c.call(
            c.request(
                Smb2Command.READ,
                b -> new Smb2ReadRequest(0, 0, length, offset, id, 0, 0, 0).encode(b)));
    assertEquals(NtStatus.SUCCESS, r.status());
    return Smb2ReadResponse.decode(Unpooled.wrappedBuffer(r.message())).data();
  }

  byte[] queryInfo(Smb2FileId id, int cls) {
    Smb2TestClient.Reply r =
        c.call(
            c.request(
                Smb2Command.QUERY_INFO,
                b -> new Smb2QueryInfoRequest(1, cls, 65536, new byte[0], 0, 0, id).encode(b)));
    assertEquals(NtStatus.SUCCESS, r.status());
    return Smb2OutputBufferResponse.decode(Unpooled.wrappedBuffer(r.message())).output();
  }

  NtStatus setInfo(Smb2FileId id, int cls, byte[] buf) {
    return c.call(
            c.request(
                Smb2Command.SET_INFO, b -> new Smb2SetInfoRequest(1, cls, buf, 0, id).encode(b)))
        .status();
  }

  Smb2TestClient.Reply ioctl(Smb2FileId id, int code, byte[] in, int maxOut, int flags) {
    return c.call(
        c.request(
            Smb2Command.IOCTL,
            b -> new Smb2IoctlRequest(code, id, in, 0, new byte[0], maxOut, flags).encode(b)));
  }

  static byte[] out(Smb2TestClient.Reply r) {
    return Smb2IoctlResponse.decode(Unpooled.wrappedBuffer(r.message())).output();
  }

  static String streams(byte[] info) {
    StringBuilder sb = new StringBuilder();
    ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN);
    int at = 0;
    while (info.length > 0) {
      int next = b.getInt(at);
      int len = b.getInt(at + 4);
      String n = new String(info, at + 24, len, StandardCharsets.UTF_16LE);
      sb.append(n).append('=').append(b.getLong(at + 8)).append(' ');
      if (next == 0) {
        break;
      }
      at += next;
    }
    return sb.toString().trim();
  }

  static byte[] renameTo(String name, boolean replace) {
    byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
    ByteBuffer b = ByteBuffer.allocate(20 + n.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) (replace ? 1 : 0)).position(16);
    b.putInt(n.length).put(n);
    return b.array();
  }

  long storedStreams() throws Exception {
    Path dir = root.resolve("share").resolve(".cephsmb-streams");
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void streamsLiveBesideTheFile() throws Exception {
    Smb2FileId s = open("f.txt:One", RW, 7, CREATE);
    write(s, 0, "stream data".getBytes(StandardCharsets.UTF_8));
    assertEquals(NtStatus.SUCCESS, close(s));
    Smb2FileId f = open("f.txt", RW, 7, OPEN);
    write(f, 0, "base".getBytes(StandardCharsets.UTF_8));
    assertEquals("::$DATA=4 :One:$DATA=11", streams(queryInfo(f, 22)));
    // case-insensitive names, $DATA in any case
    Smb2FileId s2 = open("f.txt:ONE:$data", RW, 7, OPEN);
    assertArrayEquals("stream data".getBytes(StandardCharsets.UTF_8), read(s2, 0, 100).clone());
    // the stream's FileStandard size is the stream's, its FileInternal the file's
    byte[] std = queryInfo(s2, 5);
    assertEquals(11, ByteBuffer.wrap(std).order(ByteOrder.LITTLE_ENDIAN).getLong(8));
    assertArrayEquals(queryInfo(f, 6), queryInfo(s2, 6));
    assertEquals(NtStatus.SUCCESS, close(s2));
    // bad names
    assertEquals(NtStatus.OBJECT_NAME_INVALID, create("f.txt:", RW, 7, OPEN, 0).status());
    assertEquals(NtStatus.OBJECT_NAME_INVALID, create("f.txt:x:$FOO", RW, 7, OPEN, 0).status());
    assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, create("f.txt:nope", RW, 7, OPEN, 0).status());
    assertEquals(
        NtStatus.NOT_A_DIRECTORY, create("f.txt:x", RW, 7, OPEN_IF, 0x1).status()); // DIRECTORY
    assertEquals(NtStatus.ACCESS_DENIED, create(".cephsmb-streams", RW, 7, OPEN, 0).status());
    // rename of the stream
    Smb2FileId two = open("f.txt:Two", ALL, 7, CREATE);
    assertEquals(NtStatus.OBJECT_NAME_COLLISION, setInfo(two, 10, renameTo(":One", false)));
    assertEquals(NtStatus.INVALID_PARAMETER, setInfo(two, 10, renameTo(":One", true)));
    assertEquals(NtStatus.SUCCESS, setInfo(two, 10, renameTo(":Three:$DATA", false)));
    // the old name is free again: a new stream by that name does not meet the renamed open
    assertEquals(NtStatus.SUCCESS, close(open("f.txt:Two", RW, 0, CREATE)));
    assertEquals(NtStatus.SHARING_VIOLATION, create("f.txt:three", RW, 0, OPEN, 0).status());
    Smb2FileId gone = open("f.txt:Two", ALL, 7, OPEN);
    assertEquals(NtStatus.SUCCESS, setInfo(gone, 13, new byte[] {1}));
    assertEquals(NtStatus.SUCCESS, close(gone));
    assertEquals("::$DATA=4 :One:$DATA=11 :Three:$DATA=0", sorted(streams(queryInfo(f, 22))));
    // a file with a stream open cannot be renamed
    Smb2FileId fd = open("f.txt", ALL, 7, OPEN);
    assertEquals(NtStatus.ACCESS_DENIED, setInfo(fd, 10, renameTo("g.txt", false)));
    assertEquals(NtStatus.SUCCESS, close(two));
    assertEquals(NtStatus.SUCCESS, setInfo(fd, 10, renameTo("g.txt", false)));
    assertEquals(NtStatus.SUCCESS, close(fd));
    assertEquals(NtStatus.SUCCESS, close(f));
    Smb2FileId g = open("g.txt:one", RW, 7, OPEN);
    assertEquals(NtStatus.SUCCESS, close(g));
    // delete-on-close of a stream removes the stream only; of the file, everything
    Smb2FileId d = open("g.txt:Three", ALL, 7, OPEN);
    assertEquals(NtStatus.SUCCESS, setInfo(d, 13, new byte[] {1}));
    assertEquals(NtStatus.SUCCESS, close(d));
    assertEquals(1, storedStreams());
    assertEquals(NtStatus.SUCCESS, close(open("g.txt", ALL, 7, OPEN)));
    Smb2TestClient.Reply del = create("g.txt", ALL, 7, OPEN, 0x1000); // DELETE_ON_CLOSE
    assertEquals(NtStatus.SUCCESS, del.status());
    assertEquals(
        NtStatus.SUCCESS,
        close(Smb2CreateResponse.decode(Unpooled.wrappedBuffer(del.message())).fileId()));
    assertFalse(Files.exists(root.resolve("share/g.txt")));
    assertEquals(0, storedStreams());
  }

  /** The keys of node "n"'s open-file index. */
  private java.util.Set<String> indexKeys() {
    return io.cephsmb.omapkv.Futures.join(
            new KvStore(cluster.connect().store(".smb", "t"))
                .listAll(OpenFileTable.nodeIndex("n"), ""))
        .keySet();
  }

  /**
   * A stream open's record is indexed by its file, and the base-file record it makes by the base
   * file's path: its close gives back exactly those claims (never the path entry of the base file's
   * own open), and while it is open its directory cannot be renamed, as with any open below a
   * directory ([MS-FSA] 2.1.5.14.11: STATUS_ACCESS_DENIED).
   */
  @Test
  void aStreamOpenLeavesTheNodeIndexAsItFoundIt() throws Exception {
    Files.createDirectories(root.resolve("share/d"));
    Smb2FileId f = open("d\\f.txt", RW, 7, OPEN_IF);
    java.util.Set<String> withBase = indexKeys();
    assertEquals(1, withBase.size(), withBase.toString());
    assertTrue(withBase.iterator().next().startsWith("path."), withBase.toString());
    Smb2FileId s = open("d\\f.txt:s", RW, 7, CREATE);
    write(s, 0, "x".getBytes(StandardCharsets.UTF_8));
    assertEquals(2, indexKeys().size(), "the base file's path and the stream's file entry");
    assertEquals(NtStatus.SUCCESS, close(s));
    assertEquals(withBase, indexKeys());
    assertEquals(NtStatus.SUCCESS, close(f));
    assertEquals(java.util.Set.of(), indexKeys());
    // only the stream open below the directory: the directory stays where it is
    Smb2FileId only = open("d\\f.txt:s", RW, 7, OPEN);
    Smb2TestClient.Reply dr = create("d", ALL, 7, OPEN, 0x1); // FILE_DIRECTORY_FILE
    assertEquals(NtStatus.SUCCESS, dr.status());
    Smb2FileId dir = Smb2CreateResponse.decode(Unpooled.wrappedBuffer(dr.message())).fileId();
    assertEquals(NtStatus.ACCESS_DENIED, setInfo(dir, 10, renameTo("e", false)));
    assertEquals(NtStatus.SUCCESS, close(only));
    assertEquals(NtStatus.SUCCESS, setInfo(dir, 10, renameTo("e", false)));
    assertEquals(NtStatus.SUCCESS, close(dir));
    assertEquals(java.util.Set.of(), indexKeys());
  }

  private static String sorted(String s) {
    return String.join(" ", Stream.of(s.split(" ")).sorted().toList());
  }

  @Test
  void shareModesArePerStreamAndDeleteLooksAtStreams() {
    Smb2FileId a = open("s.txt:A", RW, 0, CREATE);
    Smb2FileId b = open("s.txt:B", RW, 0, CREATE); // another stream: no conflict
    assertEquals(NtStatus.SHARING_VIOLATION, create("s.txt:a", RW, 0, OPEN, 0).status());
    // the file itself opens, but not for DELETE while a stream does not share delete
    assertEquals(NtStatus.SUCCESS, close(open("s.txt", RW, 0, OPEN)));
    assertEquals(NtStatus.SHARING_VIOLATION, create("s.txt", 0x10000 | 0x80, 7, OPEN, 0).status());
    assertEquals(NtStatus.SUCCESS, close(a));
    assertEquals(NtStatus.SUCCESS, close(b));
    assertEquals(NtStatus.SUCCESS, close(open("s.txt", 0x10000 | 0x80, 7, OPEN)));
  }

  @Test
  void serverSideCopy() {
    Smb2FileId src = open("src", RW, 7, CREATE);
    byte[] data = new byte[300_000];
    new java.util.Random(3).nextBytes(data);
    for (int off = 0; off < data.length; off += 60_000) { // one credit's worth per WRITE
      write(src, off, java.util.Arrays.copyOfRange(data, off, off + 60_000));
    }
    Smb2FileId dst = open("dst", RW, 7, CREATE);
    Smb2TestClient.Reply k = ioctl(src, 0x00140078, new byte[0], 32, 1);
    assertEquals(NtStatus.SUCCESS, k.status());
    byte[] key = java.util.Arrays.copyOf(out(k), 24);
    assertEquals(32, out(k).length);
    ByteBuffer cc = ByteBuffer.allocate(32 + 48).order(ByteOrder.LITTLE_ENDIAN);
    cc.put(key).putInt(2).putInt(0);
    cc.putLong(0).putLong(0).putInt(200_000).putInt(0);
    cc.putLong(200_000).putLong(200_000).putInt(100_000).putInt(0);
    Smb2TestClient.Reply r = ioctl(dst, 0x001440F2, cc.array(), 12, 1);
    assertEquals(NtStatus.SUCCESS, r.status());
    ByteBuffer rsp = ByteBuffer.wrap(out(r)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(2, rsp.getInt(0));
    assertEquals(300_000, rsp.getInt(8));
    for (int off = 0; off < data.length; off += 60_000) {
      assertArrayEquals(
          java.util.Arrays.copyOfRange(data, off, off + 60_000), read(dst, off, 60_000));
    }
    // over the limits: INVALID_PARAMETER with the limits
    ByteBuffer big = ByteBuffer.wrap(cc.array().clone()).order(ByteOrder.LITTLE_ENDIAN);
    big.putInt(32 + 16, 2 << 20);
    Smb2TestClient.Reply lim = ioctl(dst, 0x001440F2, big.array(), 12, 1);
    assertEquals(NtStatus.INVALID_PARAMETER, lim.status());
    ByteBuffer l = ByteBuffer.wrap(out(lim)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(256, l.getInt(0));
    assertEquals(1 << 20, l.getInt(4));
    assertEquals(16 << 20, l.getInt(8));
    // a bad key, a short output, a chunk past the end of the source
    byte[] bad = cc.array().clone();
    bad[20] ^= 1;
    assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, ioctl(dst, 0x001440F2, bad, 12, 1).status());
    assertEquals(NtStatus.INVALID_PARAMETER, ioctl(dst, 0x001440F2, cc.array(), 11, 1).status());
    ByteBuffer past = ByteBuffer.wrap(cc.array().clone()).order(ByteOrder.LITTLE_ENDIAN);
    past.putLong(32 + 24, 250_000);
    Smb2TestClient.Reply p = ioctl(dst, 0x001440F2, past.array(), 12, 1);
    assertEquals(NtStatus.INVALID_VIEW_SIZE, p.status());
    assertEquals(1, ByteBuffer.wrap(out(p)).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
    // the destination must be readable for COPYCHUNK, not for COPYCHUNK_WRITE
    Smb2FileId wo = open("dst", 0x2 | 0x80, 7, OPEN);
    assertEquals(NtStatus.ACCESS_DENIED, ioctl(wo, 0x001440F2, cc.array(), 12, 1).status());
    assertEquals(NtStatus.SUCCESS, ioctl(wo, 0x001480F2, cc.array(), 12, 1).status());
    assertEquals(NtStatus.SUCCESS, close(wo));
    assertEquals(NtStatus.SUCCESS, close(src));
    assertEquals(
        NtStatus.OBJECT_NAME_NOT_FOUND, ioctl(dst, 0x001440F2, cc.array(), 12, 1).status());
    assertEquals(NtStatus.SUCCESS, close(dst));
  }

  @Test
  void sparseRangesZeroDataObjectIdsAndTheRest() {
    Smb2FileId f = open("sp", ALL, 7, CREATE);
    write(f, 0, new byte[8192]);
    write(f, 0, "xxxx".getBytes(StandardCharsets.UTF_8));
    assertEquals(NtStatus.SUCCESS, ioctl(f, 0x000900C4, new byte[0], 0, 1).status());
    int attrs = ByteBuffer.wrap(queryInfo(f, 4)).order(ByteOrder.LITTLE_ENDIAN).getInt(32);
    assertTrue((attrs & 0x200) != 0, "sparse attribute");
    ByteBuffer q = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(4096);
    q.putLong(1 << 20);
    Smb2TestClient.Reply qar = ioctl(f, 0x000940CF, q.array(), 1024, 1);
    assertEquals(NtStatus.SUCCESS, qar.status());
    ByteBuffer range = ByteBuffer.wrap(out(qar)).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(4096, range.getLong(0));
    assertEquals(4096, range.getLong(8));
    assertEquals(NtStatus.BUFFER_TOO_SMALL, ioctl(f, 0x000940CF, q.array(), 0, 1).status());
    assertEquals(NtStatus.INVALID_PARAMETER, ioctl(f, 0x000940CF, new byte[8], 1024, 1).status());
    ByteBuffer z = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(0).putLong(2);
    assertEquals(NtStatus.SUCCESS, ioctl(f, 0x000980C8, z.array(), 0, 1).status());
    assertArrayEquals(new byte[] {0, 0, 'x', 'x'}, read(f, 0, 4));
    ByteBuffer backwards =
        ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(10).putLong(2);
    assertEquals(
        NtStatus.INVALID_PARAMETER, ioctl(f, 0x000980C8, backwards.array(), 0, 1).status());
    // object ids: none yet, then made once and kept
    assertEquals(NtStatus.OBJECTID_NOT_FOUND, ioctl(f, 0x0009009C, new byte[0], 64, 1).status());
    byte[] id1 = out(ioctl(f, 0x000900C0, new byte[0], 64, 1));
    assertEquals(64, id1.length);
    assertArrayEquals(id1, out(ioctl(f, 0x0009009C, new byte[0], 64, 1)));
    assertEquals(NtStatus.NOT_A_REPARSE_POINT, ioctl(f, 0x000900A8, new byte[0], 1024, 1).status());
    assertEquals(
        NtStatus.INVALID_DEVICE_REQUEST, ioctl(f, 0x00090000, new byte[0], 1024, 1).status());
    assertEquals(NtStatus.NOT_SUPPORTED, ioctl(f, 0x000900A8, new byte[0], 1024, 0).status());
    assertEquals(
        NtStatus.FS_DRIVER_REQUIRED,
        ioctl(Smb2FileId.ANY, 0x00060194, new byte[4], 1024, 1).status());
    assertEquals(NtStatus.INVALID_PARAMETER, ioctl(f, 0x001401FC, new byte[0], 65536, 1).status());
    Smb2TestClient.Reply nics = ioctl(Smb2FileId.ANY, 0x001401FC, new byte[0], 65536, 1);
    assertEquals(NtStatus.SUCCESS, nics.status());
    assertEquals(0, out(nics).length % 152);
    assertTrue(out(nics).length >= 152);
    assertEquals(NtStatus.SUCCESS, close(f));
    assertEquals(NtStatus.FILE_CLOSED, ioctl(f, 0x000900A8, new byte[0], 1024, 1).status());
  }
}

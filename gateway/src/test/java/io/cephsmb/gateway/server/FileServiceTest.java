package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.fileservice.FileService;
import io.cephsmb.gateway.fileservice.ShareVfsProvider;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2CloseRequest;
import io.cephsmb.gateway.mssmb2.Smb2CloseResponse;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2CreateContext;
import io.cephsmb.gateway.mssmb2.Smb2CreateRequest;
import io.cephsmb.gateway.mssmb2.Smb2CreateResponse;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.mssmb2.Smb2FlushRequest;
import io.cephsmb.gateway.mssmb2.Smb2OutputBufferResponse;
import io.cephsmb.gateway.mssmb2.Smb2QueryDirectoryRequest;
import io.cephsmb.gateway.mssmb2.Smb2QueryInfoRequest;
import io.cephsmb.gateway.mssmb2.Smb2ReadRequest;
import io.cephsmb.gateway.mssmb2.Smb2ReadResponse;
import io.cephsmb.gateway.mssmb2.Smb2SetInfoRequest;
import io.cephsmb.gateway.mssmb2.Smb2WriteRequest;
import io.cephsmb.gateway.mssmb2.Smb2WriteResponse;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.memory.MemoryCluster;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file handlers on the whole pipeline ({@link EmbeddedServer}) over a local directory:
 * dispositions and create contexts, READ/WRITE limits, QUERY_DIRECTORY paging and patterns,
 * QUERY_INFO buffer rules, SET_INFO rename, size and disposition.
 */
class FileServiceTest {
  static final int RW = 0x1 | 0x2 | 0x80 | 0x100 | 0x100000;
  static final int ALL_SHARE = 7;

  @TempDir Path root;
  MemoryCluster cluster;
  EmbeddedServer server;
  Smb2TestClient c;

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(root.resolve("share"));
    Files.createDirectories(root.resolve("ro"));
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

  Smb2TestClient.Reply create(String name, int access, int disposition, int options) {
    return create(name, access, disposition, options, List.of());
  }

  Smb2TestClient.Reply create(
      String name, int access, int disposition, int options, List<Smb2CreateContext> ctx) {
    return c.call(
        c.request(
            Smb2Command.CREATE,
            b ->
                new Smb2CreateRequest(
                        0, 0, 2, access, 0, ALL_SHARE, disposition, options, name, ctx)
                    .encode(b)));
  }

  static Smb2CreateResponse created(Smb2TestClient.Reply r) {
    assertEquals(NtStatus.SUCCESS, r.status());
    return Smb2CreateResponse.decode(Unpooled.wrappedBuffer(r.message()));
  }

  NtStatus close(Smb2FileId id) {
    return c.call(c.request(Smb2Command.CLOSE, b -> new Smb2CloseRequest(0, id).encode(b)))
        .status();
  }

  Smb2TestClient.Reply write(Smb2FileId id, long offset, byte[] data) {
    return c.call(
        c.request(
            Smb2Command.WRITE, b -> new Smb2WriteRequest(offset, id, 0, 0, 0, data).encode(b)));
  }

  Smb2TestClient.Reply read(Smb2FileId id, long offset, int length) {
    return c.call(
        c.request(
            Smb2Command.READ,
            b -> new Smb2ReadRequest(0, 0, length, offset, id, 0, 0, 0).encode(b)));
  }

  Smb2TestClient.Reply queryDir(Smb2FileId id, int cls, int flags, String pattern, int max) {
    return c.call(
        c.request(
            Smb2Command.QUERY_DIRECTORY,
            b -> new Smb2QueryDirectoryRequest(cls, flags, 0, id, pattern, max).encode(b)));
  }

  Smb2TestClient.Reply queryInfo(Smb2FileId id, int type, int cls, int max) {
    return c.call(
        c.request(
            Smb2Command.QUERY_INFO,
            b -> new Smb2QueryInfoRequest(type, cls, max, new byte[0], 0, 0, id).encode(b)));
  }

  Smb2TestClient.Reply setInfo(Smb2FileId id, int cls, byte[] buf) {
    return c.call(
        c.request(Smb2Command.SET_INFO, b -> new Smb2SetInfoRequest(1, cls, buf, 0, id).encode(b)));
  }

  static byte[] output(Smb2TestClient.Reply r) {
    return Smb2OutputBufferResponse.decode(Unpooled.wrappedBuffer(r.message())).output();
  }

  @Test
  void dispositions() throws Exception {
    Smb2CreateResponse a = created(create("f.txt", RW, Smb2CreateRequest.FILE_CREATE, 0));
    assertEquals(Smb2CreateResponse.FILE_CREATED, a.createAction());
    assertEquals(0x20, a.fileAttributes());
    assertEquals(
        NtStatus.SUCCESS, write(a.fileId(), 0, "hello".getBytes(StandardCharsets.UTF_8)).status());
    assertEquals(NtStatus.SUCCESS, close(a.fileId()));
    assertEquals(
        NtStatus.OBJECT_NAME_COLLISION,
        create("f.txt", RW, Smb2CreateRequest.FILE_CREATE, 0).status());
    assertEquals(
        NtStatus.OBJECT_NAME_NOT_FOUND,
        create("missing", RW, Smb2CreateRequest.FILE_OPEN, 0).status());
    assertEquals(
        NtStatus.OBJECT_NAME_NOT_FOUND,
        create("missing", RW, Smb2CreateRequest.FILE_OVERWRITE, 0).status());
    assertEquals(
        NtStatus.OBJECT_PATH_NOT_FOUND,
        create("nodir\\x", RW, Smb2CreateRequest.FILE_CREATE, 0).status());
    Smb2CreateResponse o = created(create("f.txt", RW, Smb2CreateRequest.FILE_OPEN_IF, 0));
    assertEquals(Smb2CreateResponse.FILE_OPENED, o.createAction());
    assertEquals(5, o.endOfFile());
    close(o.fileId());
    Smb2CreateResponse w = created(create("f.txt", RW, Smb2CreateRequest.FILE_OVERWRITE, 0));
    assertEquals(Smb2CreateResponse.FILE_OVERWRITTEN, w.createAction());
    assertEquals(0, w.endOfFile());
    close(w.fileId());
    Smb2CreateResponse s = created(create("f.txt", RW, Smb2CreateRequest.FILE_SUPERSEDE, 0));
    assertEquals(Smb2CreateResponse.FILE_SUPERSEDED, s.createAction());
    close(s.fileId());
    Smb2CreateResponse n = created(create("g.txt", RW, Smb2CreateRequest.FILE_OVERWRITE_IF, 0));
    assertEquals(Smb2CreateResponse.FILE_CREATED, n.createAction());
    close(n.fileId());
    Smb2CreateResponse d =
        created(
            create(
                "d",
                0x1 | 0x80,
                Smb2CreateRequest.FILE_CREATE,
                Smb2CreateRequest.FILE_DIRECTORY_FILE));
    assertEquals(0x10, d.fileAttributes());
    assertTrue(Files.isDirectory(root.resolve("share/d")));
    close(d.fileId());
    assertEquals(
        NtStatus.NOT_A_DIRECTORY,
        create("f.txt", 0x1, Smb2CreateRequest.FILE_OPEN, Smb2CreateRequest.FILE_DIRECTORY_FILE)
            .status());
    assertEquals(
        NtStatus.FILE_IS_A_DIRECTORY,
        create("d", 0x1, Smb2CreateRequest.FILE_OPEN, Smb2CreateRequest.FILE_NON_DIRECTORY_FILE)
            .status());
    assertEquals(
        NtStatus.INVALID_PARAMETER,
        create("d", 0x1, Smb2CreateRequest.FILE_OVERWRITE_IF, Smb2CreateRequest.FILE_DIRECTORY_FILE)
            .status());
    // the validity checks of smbtorture smb2.create.gentest
    assertEquals(NtStatus.INVALID_PARAMETER, create("v.txt", RW, 3, 0x01000000).status());
    assertEquals(NtStatus.NOT_SUPPORTED, create("v.txt", RW, 3, 0x2000).status());
    assertEquals(NtStatus.ACCESS_DENIED, create("v.txt", 0, 3, 0).status());
    assertEquals(NtStatus.ACCESS_DENIED, create("v.txt", 0x08000000, 3, 0).status());
    // read-only DOS attribute: no write access, maximal access says so
    Files.write(root.resolve("share/ro.txt"), new byte[1]);
    Smb2CreateResponse ro = created(create("ro.txt", 0x80 | 0x100, 1, 0));
    assertEquals(
        NtStatus.SUCCESS, setInfo(ro.fileId(), 4, basicInfo(0, 0x1)).status(), "set READONLY");
    close(ro.fileId());
    assertEquals(NtStatus.ACCESS_DENIED, create("ro.txt", 0x2, 1, 0).status());
  }

  static byte[] basicInfo(long time, int attrs) {
    return ByteBuffer.allocate(40)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putLong(time)
        .putLong(time)
        .putLong(time)
        .putLong(0)
        .putInt(attrs)
        .putInt(0)
        .array();
  }

  @Test
  void createContextsAndReadOnlyShare() throws Exception {
    List<Smb2CreateContext> ctx =
        List.of(
            Smb2CreateContext.of("MxAc", new byte[0]),
            Smb2CreateContext.of("QFid", new byte[0]),
            Smb2CreateContext.of("AlSi", new byte[8]),
            Smb2CreateContext.of("DHnQ", new byte[16]));
    Smb2CreateResponse r =
        created(create("x.bin", 0x02000000, Smb2CreateRequest.FILE_CREATE, 0, ctx));
    assertEquals(2, r.contexts().size(), "MxAc and QFid only: no durable handle granted");
    ByteBuffer mx = ByteBuffer.wrap(r.contexts().get(0).data()).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0, mx.getInt());
    assertEquals(0x1F01FF, mx.getInt());
    long ino = (Long) Files.getAttribute(root.resolve("share/x.bin"), "unix:ino");
    assertEquals(
        ino, ByteBuffer.wrap(r.contexts().get(1).data()).order(ByteOrder.LITTLE_ENDIAN).getLong());
    close(r.fileId());
    Files.write(root.resolve("ro/r.txt"), new byte[3]);
    assertEquals(NtStatus.SUCCESS, c.treeConnect("ro"));
    Smb2CreateResponse m =
        created(
            create("r.txt", 0x02000000, 1, 0, List.of(Smb2CreateContext.of("MxAc", new byte[0]))));
    ByteBuffer mr = ByteBuffer.wrap(m.contexts().get(0).data()).order(ByteOrder.LITTLE_ENDIAN);
    mr.getInt();
    assertEquals(0x1200A9, mr.getInt());
    assertEquals(NtStatus.ACCESS_DENIED, write(m.fileId(), 0, new byte[1]).status());
    close(m.fileId());
    assertEquals(NtStatus.ACCESS_DENIED, create("new.txt", RW, 2, 0).status());
    assertEquals(NtStatus.ACCESS_DENIED, create("r.txt", 0x2, 1, 0).status());
  }

  @Test
  void readWriteLimits() throws Exception {
    Smb2CreateResponse f = created(create("io.bin", RW, 2, 0));
    byte[] data = new byte[60_000];
    new java.util.Random(3).nextBytes(data);
    Smb2TestClient.Reply w = write(f.fileId(), 10, data);
    assertEquals(NtStatus.SUCCESS, w.status());
    assertEquals(
        data.length, Smb2WriteResponse.decode(Unpooled.wrappedBuffer(w.message())).count());
    Smb2TestClient.Reply r = read(f.fileId(), 10, data.length);
    assertArrayEquals(data, Smb2ReadResponse.decode(Unpooled.wrappedBuffer(r.message())).data());
    Smb2TestClient.Reply tail = read(f.fileId(), 10 + data.length - 5, 100);
    assertEquals(5, Smb2ReadResponse.decode(Unpooled.wrappedBuffer(tail.message())).data().length);
    assertEquals(NtStatus.END_OF_FILE, read(f.fileId(), 1_000_000, 10).status());
    assertEquals(NtStatus.INVALID_PARAMETER, read(f.fileId(), Long.MIN_VALUE, 10).status());
    assertEquals(
        NtStatus.INVALID_PARAMETER, write(f.fileId(), Long.MIN_VALUE, new byte[1]).status());
    assertEquals(
        NtStatus.SUCCESS,
        c.call(c.request(Smb2Command.FLUSH, b -> new Smb2FlushRequest(f.fileId()).encode(b)))
            .status());
    Smb2TestClient.Reply cl =
        c.call(
            c.request(
                Smb2Command.CLOSE,
                b ->
                    new Smb2CloseRequest(Smb2CloseRequest.POSTQUERY_ATTRIB, f.fileId()).encode(b)));
    Smb2CloseResponse cr = Smb2CloseResponse.decode(Unpooled.wrappedBuffer(cl.message()));
    assertEquals(10 + data.length, cr.endOfFile());
    assertEquals(1, cr.flags());
    assertEquals(NtStatus.FILE_CLOSED, read(f.fileId(), 0, 1).status());
    assertEquals(NtStatus.FILE_CLOSED, close(f.fileId()));
    Smb2CreateResponse ro = created(create("io.bin", 0x80, 1, 0));
    assertEquals(NtStatus.ACCESS_DENIED, read(ro.fileId(), 0, 1).status());
    assertEquals(NtStatus.ACCESS_DENIED, write(ro.fileId(), 0, new byte[1]).status());
    close(ro.fileId());
  }

  /** Names of a QUERY_DIRECTORY output of FileIdBothDirectoryInformation (or FileNames). */
  static List<String> names(byte[] out, int cls) {
    int nameOff = cls == 0x0C ? 12 : 104;
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    List<String> names = new ArrayList<>();
    int at = 0;
    while (true) {
      int next = b.getInt(at);
      int len = b.getInt(at + (cls == 0x0C ? 8 : 60));
      names.add(new String(out, at + nameOff, len, StandardCharsets.UTF_16LE));
      assertEquals(0, at % 8);
      if (next == 0) {
        return names;
      }
      at += next;
    }
  }

  @Test
  void directoryPagingIsStableAndComplete() throws Exception {
    Path big = Files.createDirectories(root.resolve("share/big"));
    int n = 10_001;
    for (int i = 0; i < n; i++) {
      Files.createFile(big.resolve("e" + i));
    }
    Smb2CreateResponse d =
        created(create("big", 0x1 | 0x80, 1, Smb2CreateRequest.FILE_DIRECTORY_FILE));
    Set<String> seen = new HashSet<>();
    int calls = 0;
    while (true) {
      Smb2TestClient.Reply r = queryDir(d.fileId(), 0x25, 0, "*", 4096);
      if (r.status() == NtStatus.NO_MORE_FILES) {
        break;
      }
      assertEquals(NtStatus.SUCCESS, r.status());
      for (String s : names(output(r), 0x25)) {
        assertTrue(seen.add(s), "twice: " + s);
      }
      calls++;
    }
    assertEquals(n + 2, seen.size());
    assertTrue(seen.contains(".") && seen.contains(".."));
    assertTrue(calls > 100);
    // restart with a pattern, single entries
    Smb2TestClient.Reply one =
        queryDir(
            d.fileId(),
            0x0C,
            Smb2QueryDirectoryRequest.RESTART_SCANS | Smb2QueryDirectoryRequest.RETURN_SINGLE_ENTRY,
            "e1?",
            65536);
    assertEquals(1, names(output(one), 0x0C).size());
    Smb2TestClient.Reply rest = queryDir(d.fileId(), 0x0C, 0, "ignored", 65536);
    assertEquals(9, names(output(rest), 0x0C).size());
    assertEquals(NtStatus.NO_MORE_FILES, queryDir(d.fileId(), 0x0C, 0, "", 65536).status());
    assertEquals(
        NtStatus.NO_SUCH_FILE,
        queryDir(d.fileId(), 0x0C, Smb2QueryDirectoryRequest.REOPEN, "nomatch*", 65536).status());
    assertEquals(
        NtStatus.INFO_LENGTH_MISMATCH,
        queryDir(d.fileId(), 0x25, Smb2QueryDirectoryRequest.RESTART_SCANS, "*", 50).status());
    assertEquals(
        NtStatus.INVALID_INFO_CLASS,
        queryDir(d.fileId(), 0x77, Smb2QueryDirectoryRequest.RESTART_SCANS, "*", 5000).status());
    Smb2TestClient.Reply literal =
        queryDir(d.fileId(), 0x0C, Smb2QueryDirectoryRequest.RESTART_SCANS, "e5", 65536);
    assertEquals(List.of("e5"), names(output(literal), 0x0C));
    assertEquals(NtStatus.NO_MORE_FILES, queryDir(d.fileId(), 0x0C, 0, "e5", 65536).status());
    assertEquals(
        NtStatus.NO_SUCH_FILE,
        queryDir(d.fileId(), 0x0C, Smb2QueryDirectoryRequest.RESTART_SCANS, "nope", 65536)
            .status());
    for (int cls : new int[] {0x01, 0x02, 0x03, 0x26, 0x3C}) {
      assertEquals(
          NtStatus.SUCCESS,
          queryDir(d.fileId(), cls, Smb2QueryDirectoryRequest.RESTART_SCANS, "e5", 5000).status(),
          "class " + cls);
    }
    close(d.fileId());
  }

  @Test
  void queryInfoBufferRules() throws Exception {
    Smb2CreateResponse f = created(create("q.txt", RW, 2, 0));
    write(f.fileId(), 0, new byte[42]);
    Smb2TestClient.Reply all = queryInfo(f.fileId(), 1, 18, 4096);
    assertEquals(NtStatus.SUCCESS, all.status());
    byte[] a = output(all);
    assertEquals(100 + "\\q.txt".length() * 2, a.length);
    assertEquals(42, ByteBuffer.wrap(a).order(ByteOrder.LITTLE_ENDIAN).getLong(48));
    Smb2TestClient.Reply cut = queryInfo(f.fileId(), 1, 18, 106);
    assertEquals(NtStatus.BUFFER_OVERFLOW, cut.status());
    assertEquals(106, output(cut).length);
    assertEquals(NtStatus.INFO_LENGTH_MISMATCH, queryInfo(f.fileId(), 1, 18, 103).status());
    assertEquals(NtStatus.INFO_LENGTH_MISMATCH, queryInfo(f.fileId(), 1, 4, 39).status());
    assertEquals(NtStatus.INVALID_INFO_CLASS, queryInfo(f.fileId(), 1, 99, 4096).status());
    for (int cls : new int[] {4, 5, 6, 7, 8, 14, 16, 17, 22, 28, 34, 35}) {
      assertEquals(NtStatus.SUCCESS, queryInfo(f.fileId(), 1, cls, 4096).status(), "class " + cls);
    }
    for (int cls : new int[] {1, 3, 4, 5, 7, 11}) {
      assertEquals(NtStatus.SUCCESS, queryInfo(f.fileId(), 2, cls, 4096).status(), "fs " + cls);
    }
    byte[] fsAttr = output(queryInfo(f.fileId(), 2, 5, 4096));
    assertEquals("NTFS", new String(fsAttr, 12, 8, StandardCharsets.UTF_16LE));
    // delete pending shows in FileStandardInformation
    assertEquals(
        NtStatus.SUCCESS,
        created(create("q.txt", 0x10000, 1, 0)).fileId() != null
            ? NtStatus.SUCCESS
            : NtStatus.UNSUCCESSFUL);
    close(f.fileId());
  }

  @Test
  void setInfoRenameSizeDisposition() throws Exception {
    Smb2CreateResponse f = created(create("a.txt", RW | 0x10000, 2, 0));
    write(f.fileId(), 0, new byte[100]);
    assertEquals(
        NtStatus.SUCCESS,
        setInfo(
                f.fileId(),
                20,
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(7).array())
            .status());
    assertEquals(7, Files.size(root.resolve("share/a.txt")));
    Files.write(root.resolve("share/b.txt"), new byte[1]);
    assertEquals(
        NtStatus.OBJECT_NAME_COLLISION, setInfo(f.fileId(), 10, rename("b.txt", false)).status());
    assertEquals(NtStatus.SUCCESS, setInfo(f.fileId(), 10, rename("b.txt", true)).status());
    assertFalse(Files.exists(root.resolve("share/a.txt")));
    assertEquals(7, Files.size(root.resolve("share/b.txt")));
    assertEquals(
        NtStatus.OBJECT_PATH_SYNTAX_BAD, setInfo(f.fileId(), 10, rename("..\\x", true)).status());
    byte[] all = output(queryInfo(f.fileId(), 1, 18, 4096));
    assertEquals("\\b.txt", new String(all, 100, all.length - 100, StandardCharsets.UTF_16LE));
    assertEquals(NtStatus.SUCCESS, setInfo(f.fileId(), 13, new byte[] {1}).status());
    byte[] std = output(queryInfo(f.fileId(), 1, 5, 4096));
    assertEquals(1, std[20], "DeletePending");
    assertEquals(NtStatus.DELETE_PENDING, create("b.txt", 0x1, 1, 0).status());
    close(f.fileId());
    assertFalse(Files.exists(root.resolve("share/b.txt")));
    // a directory must be empty
    Files.createDirectories(root.resolve("share/full"));
    Files.write(root.resolve("share/full/x"), new byte[1]);
    Smb2CreateResponse d =
        created(create("full", 0x10000 | 0x80, 1, Smb2CreateRequest.FILE_DIRECTORY_FILE));
    assertEquals(NtStatus.DIRECTORY_NOT_EMPTY, setInfo(d.fileId(), 13, new byte[] {1}).status());
    assertEquals(NtStatus.INFO_LENGTH_MISMATCH, setInfo(d.fileId(), 13, new byte[0]).status());
    close(d.fileId());
    // delete-on-close needs DELETE access
    assertEquals(
        NtStatus.ACCESS_DENIED,
        create("full\\x", 0x1, 1, Smb2CreateRequest.FILE_DELETE_ON_CLOSE).status());
  }

  @Test
  void treeDisconnectAndLogoffCloseOpens() throws Exception {
    Smb2CreateResponse f = created(create("held.txt", RW, 2, 0));
    assertEquals(
        NtStatus.SUCCESS,
        c.call(
                c.request(
                    Smb2Command.TREE_DISCONNECT,
                    b -> new io.cephsmb.gateway.mssmb2.Smb2TreeDisconnectRequest().encode(b)))
            .status());
    assertEquals(NtStatus.SUCCESS, c.treeConnect("share"));
    assertEquals(NtStatus.FILE_CLOSED, read(f.fileId(), 0, 1).status());
    Smb2TestClient.Reply exclusive =
        c.call(
            c.request(
                Smb2Command.CREATE,
                b ->
                    new Smb2CreateRequest(0, 0, 2, RW, 0, 0, 1, 0, "held.txt", List.of())
                        .encode(b)));
    Smb2CreateResponse e = created(exclusive);
    assertEquals(
        NtStatus.SUCCESS,
        c.call(
                c.request(
                    Smb2Command.LOGOFF,
                    b -> new io.cephsmb.gateway.mssmb2.Smb2LogoffRequest().encode(b)))
            .status());
    Smb2TestClient d = new Smb2TestClient(server);
    d.nextMessageId = c.nextMessageId;
    assertEquals(NtStatus.SUCCESS, d.login(TestServers.USER, TestServers.PASSWORD, 1));
    assertEquals(NtStatus.SUCCESS, d.treeConnect("share"));
    c = d;
    Smb2CreateResponse again = created(create("held.txt", RW, 1, 0));
    assertTrue(!again.fileId().equals(e.fileId()));
    close(again.fileId());
  }

  @Test
  void changeTimeSetIsReportedUntilTheFileChanges() throws Exception {
    Smb2CreateResponse f = created(create("ct.txt", RW, 2, 0));
    long t = 133_000_000_000_000_000L;
    byte[] basic =
        ByteBuffer.allocate(40)
            .order(ByteOrder.LITTLE_ENDIAN)
            .putLong(t + 3)
            .putLong(t + 2)
            .putLong(t + 1)
            .putLong(t)
            .putInt(0)
            .putInt(0)
            .array();
    assertEquals(NtStatus.SUCCESS, setInfo(f.fileId(), 4, basic).status());
    ByteBuffer q = ByteBuffer.wrap(output(queryInfo(f.fileId(), 1, 4, 40)));
    q.order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(t + 3, q.getLong(0), "creation");
    assertEquals(t + 2, q.getLong(8), "access");
    assertEquals(t + 1, q.getLong(16), "write");
    assertEquals(t, q.getLong(24), "change");
    Thread.sleep(20);
    // [MS-FSA] 2.1.5.15.2: the open that set the ChangeTime keeps it through its own writes
    write(f.fileId(), 0, new byte[] {1});
    ByteBuffer kept = ByteBuffer.wrap(output(queryInfo(f.fileId(), 1, 4, 40)));
    kept.order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(t, kept.getLong(24), "kept through the setting open");
    // a change through another open moves it again
    Smb2CreateResponse g = created(create("ct.txt", RW, 1, 0));
    write(g.fileId(), 0, new byte[] {2});
    ByteBuffer after = ByteBuffer.wrap(output(queryInfo(f.fileId(), 1, 4, 40)));
    after.order(ByteOrder.LITTLE_ENDIAN);
    assertTrue(after.getLong(24) > t, "a change of the file moves ChangeTime again");
    close(g.fileId());
    close(f.fileId());
  }

  static byte[] rename(String to, boolean replace) {
    byte[] n = to.getBytes(StandardCharsets.UTF_16LE);
    return ByteBuffer.allocate(20 + n.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put((byte) (replace ? 1 : 0))
        .put(new byte[7])
        .putLong(0)
        .putInt(n.length)
        .put(n)
        .array();
  }
}

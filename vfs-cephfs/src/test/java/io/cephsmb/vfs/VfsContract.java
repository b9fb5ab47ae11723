package io.cephsmb.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The one contract every {@link Vfs} implementation passes. Each test gets a fresh scratch
 * directory holding {@code share/} (the VFS under test is rooted there) and {@code outside/} with
 * {@code outside/secret}, which no call through the share may reach or change.
 */
public abstract class VfsContract {
  private static final byte[] SECRET = "top secret".getBytes(StandardCharsets.UTF_8);
  private static final Set<OpenFlag> RW_CREATE =
      EnumSet.of(OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE);
  private static final Set<OpenFlag> RO = EnumSet.of(OpenFlag.READ);

  /** A VFS rooted at a fresh, empty directory (the scratch root of one test). */
  protected abstract Vfs newScratch() throws Exception;

  /** A VFS rooted at the directory {@code name} of the current scratch root. */
  protected abstract Vfs openShare(String name) throws Exception;

  /** The scratch root as an absolute path in the implementation's own namespace. */
  protected abstract String scratchAbsolute();

  protected Vfs scratch;
  protected Vfs vfs;

  @BeforeEach
  void setUpScratch() throws Exception {
    scratch = newScratch();
    scratch.mkdir(p("share"), 0755);
    scratch.mkdir(p("outside"), 0755);
    writeFile(scratch, p("outside", "secret"), SECRET);
    vfs = openShare("share");
  }

  @AfterEach
  void tearDownScratch() throws Exception {
    if (vfs != null) {
      vfs.close();
    }
    if (scratch != null) {
      scratch.close();
    }
  }

  // ---- helpers ----

  protected static VfsPath p(String... c) throws VfsException {
    return VfsPath.of(c);
  }

  protected static VfsException expect(int errno, Executable call) {
    VfsException e = assertThrows(VfsException.class, call);
    assertEquals(Errno.name(errno), Errno.name(e.errno()), e.getMessage());
    return e;
  }

  protected static VfsException expect(int errno, NtStatusCode status, Executable call) {
    VfsException e = expect(errno, call);
    assertEquals(status, e.ntStatus(), e.getMessage());
    return e;
  }

  protected static void writeFile(Vfs v, VfsPath path, byte[] data) throws VfsException {
    VfsHandle h =
        v.open(path, EnumSet.of(OpenFlag.WRITE, OpenFlag.CREATE, OpenFlag.TRUNCATE), 0644);
    try {
      assertEquals(data.length, v.write(h, 0, ByteBuffer.wrap(data), false));
    } finally {
      v.close(h);
    }
  }

  protected static byte[] readFile(Vfs v, VfsPath path) throws VfsException {
    VfsHandle h = v.open(path, RO, 0);
    try {
      long size = v.stat(h).size();
      ByteBuffer b = ByteBuffer.allocate((int) size + 16);
      int n = v.read(h, 0, b);
      assertEquals(size, n);
      byte[] out = new byte[n];
      b.flip().get(out);
      return out;
    } finally {
      v.close(h);
    }
  }

  private static Set<String> names(Vfs v, VfsPath dir) throws VfsException {
    Set<String> s = new HashSet<>();
    try (DirStream d = v.openDir(dir)) {
      for (List<DirEntry> b = d.next(100); !b.isEmpty(); b = d.next(100)) {
        for (DirEntry e : b) {
          assertTrue(s.add(e.name()), "duplicate " + e.name());
        }
      }
    }
    return s;
  }

  /** Nothing outside the share changed: same entries, same secret. */
  private void assertOutsideUntouched() throws VfsException {
    assertEquals(Set.of("share", "outside"), names(scratch, VfsPath.root()));
    assertEquals(Set.of("secret"), names(scratch, p("outside")));
    assertArrayEquals(SECRET, readFile(scratch, p("outside", "secret")));
  }

  // ---- files and I/O ----

  @Test
  void createWriteReadAndStat() throws Exception {
    long before = System.currentTimeMillis() * 1_000_000L - 5_000_000_000L;
    VfsHandle h = vfs.open(p("a.txt"), RW_CREATE, 0644);
    assertFalse(h.isDirectory());
    assertEquals(
        5, vfs.write(h, 0, ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)), true));
    ByteBuffer b = ByteBuffer.allocate(10);
    assertEquals(5, vfs.read(h, 0, b));
    assertEquals("hello", new String(b.array(), 0, 5, StandardCharsets.UTF_8));
    VfsStat hs = vfs.stat(h);
    vfs.close(h);
    VfsStat st = vfs.stat(p("a.txt"));
    assertEquals(FileType.REGULAR, st.type());
    assertEquals(5, st.size());
    assertEquals(1, st.nlink());
    assertTrue(st.ino() != 0);
    assertEquals(st.ino(), hs.ino());
    assertEquals(hs.size(), st.size());
    assertTrue(st.allocationSize() >= 0 && st.allocationSize() % 512 == 0, "" + st);
    assertTrue(st.modifyTimeNanos() > before, "" + st);
    assertTrue(st.changeTimeNanos() > before, "" + st);
    assertTrue(st.birthTimeNanos() > before, "" + st);
    assertTrue(st.accessTimeNanos() > before, "" + st);
    assertTrue(st.birthTimeNanos() <= st.modifyTimeNanos(), "" + st);
    VfsStat dir = vfs.stat(VfsPath.root());
    assertEquals(FileType.DIRECTORY, dir.type());
    assertNotEquals(dir.ino(), st.ino());
  }

  @Test
  void readWriteMibsAtOddOffsetsByteExact() throws Exception {
    int size = 3 * 1024 * 1024 + 4321;
    byte[] data = new byte[size];
    new Random(42).nextBytes(data);
    VfsHandle h = vfs.open(p("big.bin"), RW_CREATE, 0644);
    // odd-sized chunks at odd offsets, alternating heap and direct buffers, some write-through
    int off = 0;
    int i = 0;
    int[] chunks = {1, 7, 4093, 65537, 131071, 1_000_003, 999_999};
    while (off < size) {
      int len = Math.min(chunks[i % chunks.length], size - off);
      ByteBuffer src =
          (i % 2 == 0) ? ByteBuffer.wrap(data, off, len) : ByteBuffer.allocateDirect(len);
      if (i % 2 != 0) {
        src.put(data, off, len).flip();
      }
      assertEquals(len, vfs.write(h, off, src, i % 3 == 0));
      assertFalse(src.hasRemaining());
      off += len;
      i++;
    }
    assertEquals(size, vfs.stat(h).size());
    // reads at odd offsets into heap and direct buffers
    Random r = new Random(7);
    for (int k = 0; k < 20; k++) {
      int at = r.nextInt(size);
      int len = Math.min(1 + r.nextInt(700_000), size - at);
      ByteBuffer dst = (k % 2 == 0) ? ByteBuffer.allocate(len) : ByteBuffer.allocateDirect(len);
      assertEquals(len, vfs.read(h, at, dst));
      dst.flip();
      byte[] got = new byte[len];
      dst.get(got);
      assertArrayEquals(
          java.util.Arrays.copyOfRange(data, at, at + len), got, "at " + at + " len " + len);
    }
    // a read running past the end stops at the end; at or past the end reads nothing
    ByteBuffer tail = ByteBuffer.allocate(100);
    assertEquals(11, vfs.read(h, size - 11, tail));
    assertEquals(0, vfs.read(h, size, ByteBuffer.allocate(10)));
    assertEquals(0, vfs.read(h, Long.MAX_VALUE - 10, ByteBuffer.allocate(10)));
    // a buffer with a position: data lands after it
    ByteBuffer pos = ByteBuffer.allocateDirect(20).position(5);
    assertEquals(15, vfs.read(h, 1, pos));
    assertEquals(20, pos.position());
    assertEquals(data[1], pos.get(5));
    vfs.close(h);
    assertArrayEquals(data, readFile(vfs, p("big.bin")));
  }

  @Test
  void sparseWriteReadsZeros() throws Exception {
    VfsHandle h = vfs.open(p("sparse"), RW_CREATE, 0644);
    vfs.write(h, 1_000_001, ByteBuffer.wrap(new byte[] {9}), false);
    ByteBuffer b = ByteBuffer.allocate(3);
    assertEquals(3, vfs.read(h, 999_999, b));
    assertArrayEquals(new byte[] {0, 0, 9}, b.array());
    vfs.close(h);
  }

  @Test
  void zeroRangeKeepsTheSizeAndReadsZeros() throws Exception {
    VfsHandle h = vfs.open(p("z"), RW_CREATE, 0644);
    byte[] data = new byte[3 * 65536];
    java.util.Arrays.fill(data, (byte) 0xAA);
    vfs.write(h, 0, ByteBuffer.wrap(data), true);
    vfs.zeroRange(h, 65536, 65536);
    vfs.zeroRange(h, 3 * 65536 - 10, 1_000_000); // past the end: the size stays
    assertEquals(3 * 65536, vfs.stat(h).size());
    ByteBuffer b = ByteBuffer.allocate(data.length);
    assertEquals(data.length, vfs.read(h, 0, b));
    for (int i = 0; i < data.length; i++) {
      boolean zero = (i >= 65536 && i < 2 * 65536) || i >= 3 * 65536 - 10;
      assertEquals(zero ? 0 : (byte) 0xAA, b.get(i), "byte " + i);
    }
    expect(Errno.EINVAL, () -> vfs.zeroRange(h, -1, 10));
    vfs.close(h);
    VfsHandle ro = vfs.open(p("z"), RO, 0);
    expect(Errno.EBADF, () -> vfs.zeroRange(ro, 0, 10));
    vfs.close(ro);
  }

  @Test
  void truncateFsyncAndWriteThrough() throws Exception {
    VfsHandle h = vfs.open(p("t"), RW_CREATE, 0644);
    vfs.write(h, 0, ByteBuffer.wrap(new byte[10_000]), true);
    vfs.truncate(h, 100);
    assertEquals(100, vfs.stat(h).size());
    vfs.truncate(h, 5_000_000);
    assertEquals(5_000_000, vfs.stat(h).size());
    ByteBuffer b = ByteBuffer.allocate(4);
    assertEquals(4, vfs.read(h, 4_999_996, b));
    assertArrayEquals(new byte[4], b.array());
    vfs.truncate(h, 0);
    assertEquals(0, vfs.stat(p("t")).size());
    vfs.fsync(h, true);
    vfs.fsync(h, false);
    vfs.close(h);
    VfsHandle d = vfs.open(VfsPath.root(), EnumSet.of(OpenFlag.DIRECTORY), 0);
    vfs.fsync(d, false);
    expect(Errno.EISDIR, () -> vfs.truncate(d, 0));
    expect(Errno.EISDIR, () -> vfs.read(d, 0, ByteBuffer.allocate(1)));
    vfs.close(d);
  }

  @Test
  void openFlagsAndTheirErrors() throws Exception {
    writeFile(vfs, p("f"), new byte[] {1, 2, 3});
    vfs.mkdir(p("d"), 0755);
    expect(
        Errno.EEXIST,
        ErrnoStatus.STATUS_OBJECT_NAME_COLLISION,
        () ->
            vfs.open(
                p("f"), EnumSet.of(OpenFlag.WRITE, OpenFlag.CREATE, OpenFlag.EXCLUSIVE), 0644));
    expect(
        Errno.EEXIST,
        ErrnoStatus.STATUS_OBJECT_NAME_COLLISION,
        () ->
            vfs.open(
                p("d"), EnumSet.of(OpenFlag.DIRECTORY, OpenFlag.CREATE, OpenFlag.EXCLUSIVE), 0755));
    expect(
        Errno.ENOENT, ErrnoStatus.STATUS_OBJECT_NAME_NOT_FOUND, () -> vfs.open(p("nope"), RO, 0));
    VfsException e =
        expect(
            Errno.ENOENT,
            ErrnoStatus.STATUS_OBJECT_PATH_NOT_FOUND,
            () -> vfs.open(p("nodir", "x"), RW_CREATE, 0644));
    assertEquals(VfsException.Scope.PARENT, e.scope());
    expect(
        Errno.ENOTDIR,
        ErrnoStatus.STATUS_OBJECT_PATH_NOT_FOUND,
        () -> vfs.open(p("f", "x"), RW_CREATE, 0644));
    expect(
        Errno.ENOTDIR,
        ErrnoStatus.STATUS_NOT_A_DIRECTORY,
        () -> vfs.open(p("f"), EnumSet.of(OpenFlag.DIRECTORY), 0));
    expect(
        Errno.EISDIR,
        ErrnoStatus.STATUS_FILE_IS_A_DIRECTORY,
        () -> vfs.open(p("d"), EnumSet.of(OpenFlag.WRITE), 0));
    expect(
        Errno.EISDIR,
        ErrnoStatus.STATUS_FILE_IS_A_DIRECTORY,
        () -> vfs.open(p("d"), EnumSet.of(OpenFlag.READ, OpenFlag.NON_DIRECTORY), 0));
    // a directory opened without DIRECTORY is a directory handle
    VfsHandle dh = vfs.open(p("d"), RO, 0);
    assertTrue(dh.isDirectory());
    assertEquals(FileType.DIRECTORY, vfs.stat(dh).type());
    vfs.close(dh);
    // create + directory makes the directory; again without EXCLUSIVE opens it
    VfsHandle nd = vfs.open(p("newdir"), EnumSet.of(OpenFlag.DIRECTORY, OpenFlag.CREATE), 0755);
    assertTrue(nd.isDirectory());
    vfs.close(nd);
    vfs.close(vfs.open(p("newdir"), EnumSet.of(OpenFlag.DIRECTORY, OpenFlag.CREATE), 0755));
    assertEquals(FileType.DIRECTORY, vfs.stat(p("newdir")).type());
    // truncate on open
    VfsHandle t = vfs.open(p("f"), EnumSet.of(OpenFlag.WRITE, OpenFlag.TRUNCATE), 0);
    assertEquals(0, vfs.stat(t).size());
    vfs.close(t);
    // create without exclusive opens the existing file without truncating
    writeFile(vfs, p("g"), new byte[] {5});
    VfsHandle g = vfs.open(p("g"), RW_CREATE, 0644);
    assertEquals(1, vfs.stat(g).size());
    vfs.close(g);
  }

  @Test
  void badOffsetsSizesAndClosedHandles() throws Exception {
    VfsHandle h = vfs.open(p("x"), RW_CREATE, 0644);
    NtStatusCode inval = ErrnoStatus.STATUS_INVALID_PARAMETER;
    expect(Errno.EINVAL, inval, () -> vfs.read(h, -1, ByteBuffer.allocate(1)));
    expect(Errno.EINVAL, inval, () -> vfs.read(h, Long.MIN_VALUE, ByteBuffer.allocate(1)));
    expect(Errno.EINVAL, inval, () -> vfs.write(h, -1, ByteBuffer.allocate(1), false));
    // 2^64 - 2 as an SMB offset is negative here
    expect(
        Errno.EINVAL,
        inval,
        () -> vfs.write(h, 0xFFFFFFFFFFFFFFFEL, ByteBuffer.allocate(1), false));
    // offset + length past 2^63-1
    expect(
        Errno.EINVAL, inval, () -> vfs.write(h, Long.MAX_VALUE - 1, ByteBuffer.allocate(5), false));
    expect(Errno.EINVAL, inval, () -> vfs.read(h, Long.MAX_VALUE, ByteBuffer.allocate(2)));
    expect(Errno.EINVAL, inval, () -> vfs.truncate(h, -5));
    assertEquals(0, vfs.stat(h).size(), "nothing was written");
    vfs.close(h);
    assertTrue(h.isClosed());
    NtStatusCode bad = ErrnoStatus.STATUS_INVALID_HANDLE;
    expect(Errno.EBADF, bad, () -> vfs.read(h, 0, ByteBuffer.allocate(1)));
    expect(Errno.EBADF, bad, () -> vfs.write(h, 0, ByteBuffer.allocate(1), false));
    expect(Errno.EBADF, bad, () -> vfs.stat(h));
    expect(Errno.EBADF, bad, () -> vfs.truncate(h, 0));
    expect(Errno.EBADF, bad, () -> vfs.fsync(h, false));
    expect(Errno.EBADF, bad, () -> vfs.setTimes(h, new TimeChange(0L, 0L, null)));
    expect(Errno.EBADF, bad, () -> vfs.close(h));
    // access mode of the handle
    VfsHandle ro = vfs.open(p("x"), RO, 0);
    expect(Errno.EBADF, () -> vfs.write(ro, 0, ByteBuffer.allocate(1), false));
    expect(Errno.EBADF, () -> vfs.truncate(ro, 0));
    vfs.close(ro);
    VfsHandle wo = vfs.open(p("x"), EnumSet.of(OpenFlag.WRITE), 0);
    expect(Errno.EBADF, () -> vfs.read(wo, 0, ByteBuffer.allocate(1)));
    vfs.close(wo);
    // a handle of another VFS
    VfsHandle other = scratch.open(p("outside", "secret"), RO, 0);
    expect(Errno.EBADF, () -> vfs.read(other, 0, ByteBuffer.allocate(1)));
    scratch.close(other);
    // closed directory stream
    DirStream d = vfs.openDir(VfsPath.root());
    d.close();
    expect(Errno.EBADF, () -> d.next(1));
    DirStream d2 = vfs.openDir(VfsPath.root());
    expect(Errno.EINVAL, () -> d2.next(0));
    d2.close();
  }

  // ---- namespace ----

  @Test
  void mkdirRmdirUnlink() throws Exception {
    vfs.mkdir(p("d"), 0755);
    expect(Errno.EEXIST, ErrnoStatus.STATUS_OBJECT_NAME_COLLISION, () -> vfs.mkdir(p("d"), 0755));
    expect(Errno.EEXIST, () -> vfs.mkdir(VfsPath.root(), 0755));
    writeFile(vfs, p("d", "f"), new byte[] {1});
    expect(Errno.ENOTEMPTY, ErrnoStatus.STATUS_DIRECTORY_NOT_EMPTY, () -> vfs.rmdir(p("d")));
    expect(Errno.ENOTDIR, ErrnoStatus.STATUS_NOT_A_DIRECTORY, () -> vfs.rmdir(p("d", "f")));
    expect(Errno.EISDIR, ErrnoStatus.STATUS_FILE_IS_A_DIRECTORY, () -> vfs.unlink(p("d")));
    expect(Errno.ENOENT, ErrnoStatus.STATUS_OBJECT_NAME_NOT_FOUND, () -> vfs.unlink(p("d", "g")));
    expect(
        Errno.ENOENT, ErrnoStatus.STATUS_OBJECT_PATH_NOT_FOUND, () -> vfs.mkdir(p("x", "y"), 0755));
    vfs.unlink(p("d", "f"));
    expect(Errno.ENOENT, () -> vfs.stat(p("d", "f")));
    vfs.rmdir(p("d"));
    expect(Errno.ENOENT, () -> vfs.stat(p("d")));
    expect(Errno.ENOENT, () -> vfs.rmdir(p("d")));
    expect(Errno.EBUSY, () -> vfs.rmdir(VfsPath.root()));
    assertEquals(Set.of(), names(vfs, VfsPath.root()));
  }

  @Test
  void renameWithAndWithoutReplace() throws Exception {
    writeFile(vfs, p("a"), "A".getBytes(StandardCharsets.UTF_8));
    writeFile(vfs, p("b"), "B".getBytes(StandardCharsets.UTF_8));
    long inoA = vfs.stat(p("a")).ino();
    expect(
        Errno.EEXIST,
        ErrnoStatus.STATUS_OBJECT_NAME_COLLISION,
        () -> vfs.rename(p("a"), p("b"), false));
    assertArrayEquals("A".getBytes(StandardCharsets.UTF_8), readFile(vfs, p("a")));
    assertArrayEquals("B".getBytes(StandardCharsets.UTF_8), readFile(vfs, p("b")));
    vfs.rename(p("a"), p("b"), true);
    expect(Errno.ENOENT, () -> vfs.stat(p("a")));
    assertEquals(inoA, vfs.stat(p("b")).ino());
    assertArrayEquals("A".getBytes(StandardCharsets.UTF_8), readFile(vfs, p("b")));
    vfs.rename(p("b"), p("c"), false);
    assertEquals(inoA, vfs.stat(p("c")).ino());
    vfs.rename(p("c"), p("c"), false); // onto itself
    assertEquals(inoA, vfs.stat(p("c")).ino());
    expect(
        Errno.ENOENT,
        ErrnoStatus.STATUS_OBJECT_NAME_NOT_FOUND,
        () -> vfs.rename(p("zz"), p("y"), true));
    // directories
    vfs.mkdir(p("d1"), 0755);
    writeFile(vfs, p("d1", "inner"), new byte[] {1});
    vfs.mkdir(p("d2"), 0755);
    writeFile(vfs, p("d2", "other"), new byte[] {2});
    expect(Errno.ENOTEMPTY, () -> vfs.rename(p("d1"), p("d2"), true));
    expect(Errno.EINVAL, () -> vfs.rename(p("d1"), p("d1", "sub"), false));
    expect(Errno.EINVAL, () -> vfs.rename(p("d1"), VfsPath.root(), true));
    VfsException e =
        expect(
            Errno.ENOENT,
            ErrnoStatus.STATUS_OBJECT_PATH_NOT_FOUND,
            () -> vfs.rename(p("c"), p("missing", "c"), false));
    assertEquals(VfsException.Scope.PARENT, e.scope());
    vfs.rename(p("d1"), p("d3"), false);
    vfs.rename(p("c"), p("d3", "c"), false);
    assertEquals(Set.of("inner", "c"), names(vfs, p("d3")));
    // replacing an empty directory
    vfs.mkdir(p("empty"), 0755);
    vfs.rename(p("d3"), p("empty"), true);
    assertEquals(Set.of("inner", "c"), names(vfs, p("empty")));
  }

  @Test
  void tenThousandEntriesListedCompletelyAndStably() throws Exception {
    int n = 10_000;
    vfs.mkdir(p("big"), 0755);
    ExecutorService ex = AsyncVfs.boundedExecutor("contract-create", 16, n);
    try {
      AsyncVfs async = new AsyncVfs(vfs, ex);
      List<CompletableFuture<Void>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        VfsPath f = p("big", String.format("file-%05d", i));
        fs.add(
            async
                .open(f, EnumSet.of(OpenFlag.WRITE, OpenFlag.CREATE, OpenFlag.EXCLUSIVE), 0644)
                .thenCompose(async::close));
      }
      CompletableFuture.allOf(fs.toArray(new CompletableFuture<?>[0])).join();
    } finally {
      ex.shutdown();
    }
    writeFile(vfs, p("big", "file-00042"), new byte[42]);
    vfs.mkdir(p("big", "subdir"), 0755);

    // batches of 1000: every entry once, with its attributes
    Map<String, DirEntry> seen = new HashMap<>();
    int batches = 0;
    try (DirStream d = vfs.openDir(p("big"))) {
      for (List<DirEntry> b = d.next(1000); !b.isEmpty(); b = d.next(1000)) {
        assertTrue(b.size() <= 1000);
        batches++;
        for (DirEntry e : b) {
          assertFalse(e.name().equals(".") || e.name().equals(".."));
          assertTrue(seen.put(e.name(), e) == null, "duplicate " + e.name());
        }
      }
      assertEquals(List.of(), d.next(10), "stays at the end");
    }
    assertEquals(n + 1, seen.size());
    assertTrue(batches >= 11);
    assertEquals(42, seen.get("file-00042").stat().size());
    assertEquals(0, seen.get("file-09999").stat().size());
    assertEquals(FileType.DIRECTORY, seen.get("subdir").stat().type());
    assertEquals(vfs.stat(p("big", "file-04711")).ino(), seen.get("file-04711").stat().ino());
    assertEquals(FileType.REGULAR, seen.get("file-04711").stat().type());
    List<Long> cookies = seen.values().stream().map(DirEntry::cookie).sorted().toList();
    assertEquals(1L, cookies.get(0));
    assertEquals((long) n + 1, cookies.get(cookies.size() - 1));

    // stable while the directory changes between batches: every entry that exists throughout is
    // returned exactly once
    Set<String> got = new HashSet<>();
    try (DirStream d = vfs.openDir(p("big"))) {
      int round = 0;
      for (List<DirEntry> b = d.next(333); !b.isEmpty(); b = d.next(333)) {
        for (DirEntry e : b) {
          assertTrue(got.add(e.name()), "duplicate " + e.name());
        }
        if (round++ < 5) {
          for (int k = 0; k < 20; k++) {
            VfsPath f = p("big", "new-" + round + "-" + k);
            vfs.close(vfs.open(f, RW_CREATE, 0644));
          }
        }
      }
      for (int i = 0; i < n; i++) {
        assertTrue(got.contains(String.format("file-%05d", i)), "missing file-" + i);
      }
      // rewind starts over
      d.rewind();
      List<DirEntry> first = d.next(5);
      assertEquals(5, first.size());
      assertEquals(1L, first.get(0).cookie());
    }
  }

  @Test
  void xattrs() throws Exception {
    if (!vfs.capabilities().xattrs()) {
      expect(Errno.EOPNOTSUPP, () -> vfs.listXattrs(VfsPath.root()));
      return;
    }
    writeFile(vfs, p("x"), new byte[0]);
    assertEquals(List.of(), vfs.listXattrs(p("x")));
    byte[] bin = {0, 1, 2, (byte) 0xff, 0, 7};
    vfs.setXattr(p("x"), "bin", bin, XattrMode.CREATE);
    assertArrayEquals(bin, vfs.getXattr(p("x"), "bin"));
    expect(
        Errno.EEXIST,
        ErrnoStatus.STATUS_OBJECT_NAME_COLLISION,
        () -> vfs.setXattr(p("x"), "bin", new byte[] {1}, XattrMode.CREATE));
    expect(
        Errno.ENODATA,
        ErrnoStatus.STATUS_NOT_FOUND,
        () -> vfs.setXattr(p("x"), "missing", new byte[] {1}, XattrMode.REPLACE));
    vfs.setXattr(p("x"), "bin", new byte[] {3}, XattrMode.REPLACE);
    assertArrayEquals(new byte[] {3}, vfs.getXattr(p("x"), "bin"));
    // ext4 keeps all xattrs of an inode in one block; CephFS allows 64 KiB per inode
    byte[] big = new byte[vfs.capabilities().maxXattrValueBytes() >= 16384 ? 16384 : 2000];
    new Random(3).nextBytes(big);
    vfs.setXattr(p("x"), "big", big, XattrMode.UPSERT);
    assertArrayEquals(big, vfs.getXattr(p("x"), "big"));
    vfs.setXattr(p("x"), "empty", new byte[0], XattrMode.UPSERT);
    assertArrayEquals(new byte[0], vfs.getXattr(p("x"), "empty"));
    vfs.setXattr(p("x"), "DosStream.Zone.Identifier:$DATA", new byte[] {1}, XattrMode.UPSERT);
    assertEquals(
        Set.of("bin", "big", "empty", "DosStream.Zone.Identifier:$DATA"),
        new HashSet<>(vfs.listXattrs(p("x"))));
    expect(Errno.ENODATA, ErrnoStatus.STATUS_NOT_FOUND, () -> vfs.getXattr(p("x"), "nope"));
    vfs.removeXattr(p("x"), "bin");
    expect(Errno.ENODATA, () -> vfs.getXattr(p("x"), "bin"));
    expect(Errno.ENODATA, () -> vfs.removeXattr(p("x"), "bin"));
    expect(Errno.EINVAL, () -> vfs.getXattr(p("x"), ""));
    expect(Errno.EINVAL, () -> vfs.getXattr(p("x"), "a\0b"));
    expect(
        Errno.ERANGE, () -> vfs.setXattr(p("x"), "n".repeat(251), new byte[1], XattrMode.UPSERT));
    expect(Errno.E2BIG, () -> vfs.setXattr(p("x"), "huge", new byte[65537], XattrMode.UPSERT));
    expect(Errno.ENOENT, () -> vfs.getXattr(p("nofile"), "a"));
    // on a directory
    vfs.mkdir(p("d"), 0755);
    vfs.setXattr(p("d"), "k", new byte[] {4}, XattrMode.UPSERT);
    assertArrayEquals(new byte[] {4}, vfs.getXattr(p("d"), "k"));
  }

  @Test
  void statfs() throws Exception {
    VfsStatFs s = vfs.statfs();
    assertTrue(s.blockSize() > 0, "" + s);
    assertTrue(s.totalBlocks() > 0, "" + s);
    assertTrue(s.freeBlocks() <= s.totalBlocks(), "" + s);
    assertTrue(s.availableBlocks() <= s.freeBlocks(), "" + s);
    assertTrue(s.totalFiles() >= 0 && s.freeFiles() >= -1, "" + s);
    assertTrue(s.maxNameLength() >= 255, "" + s);
  }

  @Test
  void timesByPathAndHandle() throws Exception {
    writeFile(vfs, p("t"), new byte[] {1});
    long atime = 981_173_106_123_456_789L; // 2001-02-03T04:05:06.123456789Z
    long mtime = 1_234_567_890_987_654_321L;
    VfsStat before = vfs.stat(p("t"));
    vfs.setTimes(p("t"), new TimeChange(atime, mtime, null));
    VfsStat st = vfs.stat(p("t"));
    assertEquals(atime, st.accessTimeNanos());
    assertEquals(mtime, st.modifyTimeNanos());
    assertTrue(st.changeTimeNanos() >= before.changeTimeNanos());
    vfs.setTimes(p("t"), new TimeChange(null, mtime + 1000, null));
    assertEquals(atime, vfs.stat(p("t")).accessTimeNanos());
    assertEquals(mtime + 1000, vfs.stat(p("t")).modifyTimeNanos());
    vfs.setTimes(p("t"), TimeChange.none());
    assertEquals(mtime + 1000, vfs.stat(p("t")).modifyTimeNanos());
    // pre-1970: stored exactly, or refused without a change
    TimeChange pre = new TimeChange(null, -86_400_000_000_000L, null);
    if (vfs.capabilities().preEpochTimes()) {
      vfs.setTimes(p("t"), pre);
      assertEquals(-86_400_000_000_000L, vfs.stat(p("t")).modifyTimeNanos());
    } else {
      expect(Errno.EINVAL, () -> vfs.setTimes(p("t"), pre));
      assertEquals(mtime + 1000, vfs.stat(p("t")).modifyTimeNanos());
    }
    VfsHandle h = vfs.open(p("t"), EnumSet.of(OpenFlag.WRITE), 0);
    vfs.setTimes(h, new TimeChange(null, mtime, null));
    assertEquals(mtime, vfs.stat(h).modifyTimeNanos());
    long btime = 915_148_800_000_000_000L; // 1999-01-01
    if (vfs.capabilities().settableBirthTime()) {
      vfs.setTimes(p("t"), new TimeChange(null, null, btime));
      assertEquals(btime, vfs.stat(p("t")).birthTimeNanos());
      vfs.setTimes(h, new TimeChange(null, null, btime + 7));
      assertEquals(btime + 7, vfs.stat(h).birthTimeNanos());
    } else {
      expect(Errno.EOPNOTSUPP, () -> vfs.setTimes(p("t"), new TimeChange(null, null, btime)));
    }
    vfs.close(h);
    expect(Errno.ENOENT, () -> vfs.setTimes(p("none"), new TimeChange(0L, 0L, null)));
    vfs.mkdir(p("d"), 0755);
    vfs.setTimes(p("d"), new TimeChange(atime, mtime, null));
    assertEquals(mtime, vfs.stat(p("d")).modifyTimeNanos());
  }

  @Test
  void chmodAndChown() throws Exception {
    writeFile(vfs, p("m"), new byte[] {1});
    vfs.chmod(p("m"), 0640);
    assertEquals(0640, vfs.stat(p("m")).permissions());
    vfs.chmod(p("m"), 0100755); // type bits are ignored
    assertEquals(0755, vfs.stat(p("m")).permissions());
    assertEquals(FileType.REGULAR, vfs.stat(p("m")).type());
    VfsStat st = vfs.stat(p("m"));
    vfs.chown(p("m"), -1, -1);
    assertEquals(st.uid(), vfs.stat(p("m")).uid());
    vfs.chown(p("m"), 4321, 8765); // the tests run as root
    assertEquals(4321, vfs.stat(p("m")).uid());
    assertEquals(8765, vfs.stat(p("m")).gid());
    vfs.chown(p("m"), -1, 1111);
    assertEquals(4321, vfs.stat(p("m")).uid());
    assertEquals(1111, vfs.stat(p("m")).gid());
    expect(Errno.ENOENT, () -> vfs.chmod(p("nope"), 0600));
  }

  @Test
  void asyncVfsCompletesOffTheCallerThread() throws Exception {
    ExecutorService ex = AsyncVfs.boundedExecutor("contract-async", 2, 16);
    try {
      AsyncVfs a = new AsyncVfs(vfs, ex);
      Thread caller = Thread.currentThread();
      VfsHandle h = a.open(p("af"), RW_CREATE, 0644).join();
      assertEquals(3, (int) a.write(h, 0, ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join());
      Thread[] ran = new Thread[1];
      VfsStat st =
          a.submit(
                  () -> {
                    ran[0] = Thread.currentThread();
                    return vfs.stat(h);
                  })
              .join();
      assertNotEquals(caller, ran[0]);
      assertEquals(3, st.size());
      a.close(h).join();
      CompletableFuture<Void> f = a.close(h);
      java.util.concurrent.CompletionException ce =
          assertThrows(java.util.concurrent.CompletionException.class, f::join);
      assertEquals(Errno.EBADF, ((VfsException) ce.getCause()).errno());
    } finally {
      ex.shutdown();
    }
  }

  // ---- confinement ----

  @Test
  void pathSyntaxCannotEscape() throws Exception {
    String[] bad = {
      "..\\outside\\secret",
      "a\\..\\..\\outside\\secret",
      "\\outside\\secret",
      "\\\\server\\share",
      "..",
      ".",
      "a\\.\\b",
      "a\\\\b",
      "a\\",
      "../outside/secret",
      "a/../../outside",
      "/etc/passwd",
      "sec\0ret",
      "x\0\\..\\..",
    };
    for (String s : bad) {
      expect(Errno.EINVAL, ErrnoStatus.STATUS_INVALID_PARAMETER, () -> VfsPath.parseSmb(s));
    }
    expect(Errno.EINVAL, () -> VfsPath.of("..", "outside", "secret"));
    expect(Errno.EINVAL, () -> VfsPath.of("/", "etc"));
    expect(Errno.EINVAL, () -> VfsPath.of("a/b"));
    expect(Errno.EINVAL, () -> VfsPath.of(""));
    expect(Errno.EINVAL, () -> VfsPath.of("\ud800"));
    expect(
        Errno.ENAMETOOLONG,
        ErrnoStatus.STATUS_OBJECT_NAME_INVALID,
        () -> VfsPath.of("n".repeat(256)));
    expect(Errno.ENAMETOOLONG, () -> VfsPath.of("\u00e9".repeat(128))); // 256 bytes of UTF-8
    List<String> deep = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      deep.add("d".repeat(250));
    }
    expect(Errno.ENAMETOOLONG, () -> VfsPath.of(deep));
    // the longest legal name works end to end
    VfsPath longest = VfsPath.of("\u00e9".repeat(127) + "x");
    writeFile(vfs, longest, new byte[] {1});
    assertEquals(Set.of(longest.name()), names(vfs, VfsPath.root()));
    vfs.unlink(longest);
    // names that are odd but legal stay inside
    VfsPath odd = VfsPath.parseSmb("...");
    writeFile(vfs, odd, new byte[] {2});
    VfsPath tricky = VfsPath.parseSmb("..a");
    vfs.mkdir(tricky, 0755);
    assertEquals(Set.of("...", "..a"), names(vfs, VfsPath.root()));
    assertOutsideUntouched();
  }

  @Test
  void symlinksAreNeverFollowed() throws Exception {
    String outsideAbs = scratchAbsolute() + "/outside";
    vfs.symlink(p("abs"), outsideAbs);
    vfs.symlink(p("rel"), "../outside");
    vfs.symlink(p("file"), "../outside/secret");
    vfs.mkdir(p("sub"), 0755);
    vfs.mkdir(p("mover"), 0755);
    vfs.symlink(p("sub", "up"), "../../outside");
    assertEquals(outsideAbs, vfs.readlink(p("abs")));
    assertEquals(FileType.SYMLINK, vfs.stat(p("rel")).type());
    expect(Errno.EINVAL, () -> vfs.readlink(p("sub")));
    NtStatusCode pathNotFound = ErrnoStatus.STATUS_OBJECT_PATH_NOT_FOUND;
    NtStatusCode denied = ErrnoStatus.STATUS_ACCESS_DENIED;
    for (VfsPath link : List.of(p("abs"), p("rel"), p("sub", "up"))) {
      VfsPath through = VfsPath.of(concat(link, "secret"));
      VfsPath fresh = VfsPath.of(concat(link, "planted"));
      VfsException e = expect(Errno.ELOOP, pathNotFound, () -> vfs.open(through, RO, 0));
      assertEquals(VfsException.Scope.PARENT, e.scope());
      expect(Errno.ELOOP, pathNotFound, () -> vfs.open(fresh, RW_CREATE, 0644));
      expect(
          Errno.ELOOP,
          pathNotFound,
          () -> vfs.open(through, EnumSet.of(OpenFlag.WRITE, OpenFlag.TRUNCATE), 0));
      expect(Errno.ELOOP, pathNotFound, () -> vfs.stat(through));
      expect(Errno.ELOOP, pathNotFound, () -> vfs.unlink(through));
      expect(Errno.ELOOP, pathNotFound, () -> vfs.mkdir(fresh, 0755));
      expect(Errno.ELOOP, pathNotFound, () -> vfs.rmdir(fresh));
      expect(Errno.ELOOP, pathNotFound, () -> vfs.rename(p("mover"), fresh, true));
      expect(Errno.ELOOP, pathNotFound, () -> vfs.rename(through, p("stolen"), true));
      expect(Errno.ELOOP, pathNotFound, () -> vfs.chmod(through, 0777));
      expect(Errno.ELOOP, pathNotFound, () -> vfs.chown(through, 1, 1));
      expect(Errno.ELOOP, pathNotFound, () -> vfs.setTimes(through, new TimeChange(0L, 0L, null)));
      expect(Errno.ELOOP, pathNotFound, () -> vfs.getXattr(through, "a"));
      expect(
          Errno.ELOOP,
          pathNotFound,
          () -> vfs.setXattr(through, "a", new byte[1], XattrMode.UPSERT));
      expect(Errno.ELOOP, pathNotFound, () -> vfs.symlink(fresh, "/"));
      expect(Errno.ELOOP, pathNotFound, () -> vfs.openDir(VfsPath.of(concat(link, "x"))));
      // the link itself as a leaf: refused for open and listing
      expect(Errno.ELOOP, denied, () -> vfs.openDir(link));
      expect(Errno.ELOOP, denied, () -> vfs.open(link, EnumSet.of(OpenFlag.DIRECTORY), 0));
    }
    expect(Errno.ELOOP, denied, () -> vfs.open(p("file"), RO, 0));
    expect(
        Errno.ELOOP,
        denied,
        () -> vfs.open(p("file"), EnumSet.of(OpenFlag.WRITE, OpenFlag.TRUNCATE), 0));
    expect(Errno.ELOOP, denied, () -> vfs.open(p("file"), RW_CREATE, 0644));
    // an exclusive create on the link name collides, it does not create through it
    expect(
        Errno.EEXIST,
        () ->
            vfs.open(
                p("file"), EnumSet.of(OpenFlag.WRITE, OpenFlag.CREATE, OpenFlag.EXCLUSIVE), 0644));
    // what acts on the link itself does not touch the target
    vfs.setTimes(p("file"), new TimeChange(0L, 0L, null));
    vfs.rename(p("file"), p("file2"), false);
    vfs.unlink(p("file2"));
    vfs.unlink(p("rel"));
    assertOutsideUntouched();
    assertEquals(Set.of("abs", "sub", "mover"), names(vfs, VfsPath.root()));
  }

  private static List<String> concat(VfsPath p, String name) {
    List<String> c = new ArrayList<>(p.components());
    c.add(name);
    return c;
  }
}

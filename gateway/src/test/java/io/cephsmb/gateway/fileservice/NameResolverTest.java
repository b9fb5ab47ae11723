package io.cephsmb.gateway.fileservice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cephsmb.vfs.OpenFlag;
import io.cephsmb.vfs.TimeChange;
import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsPath;
import io.cephsmb.vfs.local.LocalVfs;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link NameResolver} over a local directory: case-insensitive lookup, short names, caching. */
class NameResolverTest {
  @TempDir Path dir;
  private Vfs vfs;
  private NameResolver names;

  @BeforeEach
  void setUp() throws Exception {
    vfs = new LocalVfs(dir);
    names = new NameResolver(16, 1000);
  }

  private void file(String... c) throws Exception {
    vfs.close(
        vfs.open(
            VfsPath.of(c),
            EnumSet.of(OpenFlag.READ, OpenFlag.WRITE, OpenFlag.CREATE, OpenFlag.EXCLUSIVE),
            0644));
  }

  private VfsPath resolve(String... c) throws Exception {
    return names.resolve(vfs, VfsPath.of(c), false);
  }

  @Test
  void everyComponentIgnoringCase() throws Exception {
    vfs.mkdir(VfsPath.of("Dir"), 0755);
    vfs.mkdir(VfsPath.of("Dir", "Sub"), 0755);
    file("Dir", "Sub", "T017-17.txt");
    assertEquals(VfsPath.of("Dir", "Sub", "T017-17.txt"), resolve("dir", "SUB", "t017-17.TXT"));
    assertEquals(VfsPath.of("Dir", "Sub", "T017-17.txt"), resolve("Dir", "Sub", "T017-17.txt"));
    // a missing leaf keeps the client's case, under the resolved directories
    assertEquals(VfsPath.of("Dir", "Sub", "New.txt"), resolve("DIR", "sub", "New.txt"));
    // a missing directory stays as written (the caller's stat says OBJECT_PATH_NOT_FOUND)
    assertEquals(VfsPath.of("nodir", "x"), resolve("nodir", "x"));
    // case-sensitive shares see names as they are
    assertEquals(VfsPath.of("dir"), names.resolve(vfs, VfsPath.of("dir"), true));
  }

  @Test
  void exactNameWinsThenCodePointOrder() throws Exception {
    file("abc");
    file("ABC");
    file("Abc");
    assertEquals(VfsPath.of("Abc"), resolve("Abc"));
    assertEquals(VfsPath.of("ABC"), resolve("aBC"));
    // with the listing remembered, the exact name still wins over the first variant
    assertEquals(VfsPath.of("abc"), resolve("abc"));
    assertEquals(VfsPath.of("Abc"), resolve("Abc"));
    assertEquals(1, names.scans());
  }

  @Test
  void shortNames() throws Exception {
    file("torture_search.txt");
    String sn = ShortNames.of("torture_search.txt");
    assertEquals(VfsPath.of("torture_search.txt"), resolve(sn));
    assertEquals(VfsPath.of("torture_search.txt"), resolve(sn.toLowerCase(java.util.Locale.ROOT)));
  }

  @Test
  void listingsAreRememberedWhileTheDirectoryIsUnchanged() throws Exception {
    vfs.mkdir(VfsPath.of("d"), 0755);
    for (int i = 0; i < 100; i++) {
      file("d", "File" + i);
    }
    vfs.setTimes(VfsPath.of("d"), new TimeChange(null, 1_000_000_000L, null));
    assertEquals(VfsPath.of("d", "File1"), resolve("d", "file1"));
    assertEquals(VfsPath.of("d", "File2"), resolve("d", "file2"));
    assertEquals(VfsPath.of("d", "new"), resolve("d", "new"));
    assertEquals(1, names.scans());
    // a change of the directory by someone else (its mtime moves, as any create does) is seen
    file("d", "Late");
    vfs.setTimes(VfsPath.of("d"), new TimeChange(null, 2_000_000_000L, null));
    assertEquals(VfsPath.of("d", "Late"), resolve("d", "LATE"));
    assertEquals(2, names.scans());
    // this node's own creates and removes keep the listing current without reading it again
    file("d", "Mine");
    names.added(vfs, VfsPath.of("d"), "Mine");
    assertEquals(VfsPath.of("d", "Mine"), resolve("d", "MINE"));
    vfs.unlink(VfsPath.of("d", "File3"));
    names.removed(vfs, VfsPath.of("d"), "File3");
    assertEquals(VfsPath.of("d", "file3"), resolve("d", "file3"));
    assertEquals(2, names.scans());
    // a rename forgets it
    names.changed(vfs, VfsPath.of("d"));
    resolve("d", "file5");
    assertEquals(3, names.scans());
  }
}

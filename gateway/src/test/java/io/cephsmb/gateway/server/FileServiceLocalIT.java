package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.fileservice.FileService;
import io.cephsmb.gateway.fileservice.ShareVfsProvider;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.gateway.testing.ClientProcess;
import io.cephsmb.gateway.testing.ClientProcess.Result;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.memory.MemoryCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * smbclient against the file service on a local directory (the embedded mode): mkdir, put/get
 * byte-exact, ls, rename, del, rmdir, allinfo, setmode, path escapes.
 */
class FileServiceLocalIT {
  @TempDir static Path root;
  static Path local;
  static MemoryCluster cluster;
  static SmbServer server;
  static FileService files;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(root.resolve("share"));
    Files.createDirectories(root.resolve("ro"));
    local = Files.createDirectories(root.resolve("client"));
    cluster = new MemoryCluster().createPool(".smb");
    files =
        new FileService(
            ShareVfsProvider.local(root),
            new OpenFileTable(new KvStore(cluster.connect().store(".smb", "t"))),
            "node-1",
            1);
    server =
        SmbServer.start(
            SmbServerConfig.builder().bindAddress("127.0.0.1").port(0).build(),
            TestServers.users(),
            TestServers.shares(),
            files.handlers());
  }

  @AfterAll
  static void stop() {
    server.close();
    cluster.close();
  }

  static Result smbclient(int port, String share, String commands, String... extra)
      throws IOException, InterruptedException {
    return ClientProcess.smbclient(
        local,
        port,
        share,
        TestServers.USER + "%" + TestServers.PASSWORD,
        commands,
        Duration.ofMinutes(2),
        extra);
  }

  static Result run(String commands, String... extra) throws Exception {
    return smbclient(server.port(), "share", commands, extra);
  }

  @Test
  void mkdirPutGetRenameDelRmdir() throws Exception {
    byte[] data = new byte[3 * 1024 * 1024 + 12345];
    new Random(7).nextBytes(data);
    Files.write(local.resolve("up.bin"), data);
    for (String dialect : List.of("SMB2_10", "SMB3_11")) {
      Result r =
          run(
              "mkdir d1; cd d1; put up.bin; get up.bin down.bin; rename up.bin moved.bin; ls",
              "-m",
              dialect);
      assertEquals(0, r.exit(), r.output());
      assertTrue(r.output().contains("moved.bin"), r.output());
      assertArrayEquals(data, Files.readAllBytes(local.resolve("down.bin")), dialect);
      assertArrayEquals(data, Files.readAllBytes(root.resolve("share/d1/moved.bin")));
      Result del = run("cd d1; del moved.bin; cd ..; rmdir d1", "-m", dialect);
      assertEquals(0, del.exit(), del.output());
      assertFalse(Files.exists(root.resolve("share/d1")), del.output());
      Files.delete(local.resolve("down.bin"));
    }
    assertEquals(0, files.openCount());
  }

  @Test
  void listsThousandsOfEntries() throws Exception {
    Path big = Files.createDirectories(root.resolve("share/big"));
    for (int i = 0; i < 3000; i++) {
      Files.write(big.resolve("file-" + i + ".txt"), new byte[i % 7]);
    }
    Result r = run("cd big; ls");
    assertEquals(0, r.exit(), r.output().substring(0, Math.min(2000, r.output().length())));
    long n = r.output().lines().filter(l -> l.trim().startsWith("file-")).count();
    assertEquals(3000, n);
    Result some = run("cd big; ls file-1?.txt");
    assertEquals(10, some.output().lines().filter(l -> l.trim().startsWith("file-")).count());
  }

  @Test
  void allinfoAndSetmode() throws Exception {
    Files.write(root.resolve("share/info.txt"), "hello".getBytes(StandardCharsets.UTF_8));
    Result r = run("allinfo info.txt; setmode info.txt +r; allinfo info.txt");
    assertEquals(0, r.exit(), r.output());
    assertTrue(r.output().contains("create_time"), r.output());
    assertTrue(
        r.output().contains("attributes: RA") || r.output().contains("attributes: R"), r.output());
    Result w = run("setmode info.txt -r; allinfo info.txt");
    assertEquals(0, w.exit(), w.output());
  }

  @Test
  void pathEscapesFailAndChangeNothing() throws Exception {
    Files.write(root.resolve("outside.txt"), "keep".getBytes(StandardCharsets.UTF_8));
    for (String c :
        List.of(
            "del ..\\outside.txt",
            "get ..\\outside.txt x.txt",
            "rename ..\\outside.txt y.txt",
            "mkdir ..\\evil",
            "put " + local.resolve("esc.txt") + " ..\\evil.txt")) {
      Files.write(local.resolve("esc.txt"), new byte[] {1});
      run(c); // smbclient cleans ".." itself: either an error or inside the share
    }
    assertEquals("keep", Files.readString(root.resolve("outside.txt")));
    assertFalse(Files.exists(root.resolve("evil")));
    assertFalse(Files.exists(root.resolve("evil.txt")));
  }
}

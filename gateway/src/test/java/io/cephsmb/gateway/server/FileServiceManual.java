package io.cephsmb.gateway.server;

import io.cephsmb.gateway.fileservice.FileService;
import io.cephsmb.gateway.fileservice.ShareVfsProvider;
import io.cephsmb.gateway.openfiles.OpenFileTable;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.memory.MemoryCluster;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file server on a local directory for manual smbclient or smbtorture runs: {@code
 * FileServiceManual PORT DIR} serves {@code DIR/share} as "share" (user alice / Secret-123).
 */
public final class FileServiceManual {
  private FileServiceManual() {}

  /** Runs until killed. */
  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[1]);
    Files.createDirectories(root.resolve("share"));
    Files.createDirectories(root.resolve("ro"));
    MemoryCluster cluster = new MemoryCluster().createPool(".smb");
    FileService files =
        new FileService(
            ShareVfsProvider.local(root),
            new OpenFileTable(new KvStore(cluster.connect().store(".smb", "m"))),
            "manual",
            1);
    SmbServer s =
        SmbServer.start(
            SmbServerConfig.builder()
                .bindAddress("127.0.0.1")
                .port(Integer.parseInt(args[0]))
                .build(),
            TestServers.users(),
            TestServers.shares(),
            files.handlers());
    System.out.println("serving on " + s.port());
    Thread.currentThread().join();
  }
}

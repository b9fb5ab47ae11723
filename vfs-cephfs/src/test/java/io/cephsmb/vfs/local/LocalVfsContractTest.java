package io.cephsmb.vfs.local;

import io.cephsmb.vfs.Vfs;
import io.cephsmb.vfs.VfsContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The VFS contract on a local directory (a JUnit temporary directory). */
class LocalVfsContractTest extends VfsContract {
  @TempDir Path tmp;
  private Path scratchDir;

  @Override
  protected Vfs newScratch() throws Exception {
    scratchDir = Files.createDirectory(tmp.resolve("scratch")).toRealPath();
    return new LocalVfs(scratchDir);
  }

  @Override
  protected Vfs openShare(String name) throws Exception {
    return new LocalVfs(scratchDir.resolve(name));
  }

  @Override
  protected String scratchAbsolute() {
    return scratchDir.toString();
  }
}

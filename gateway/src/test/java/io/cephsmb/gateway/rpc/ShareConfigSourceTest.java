package io.cephsmb.gateway.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cephsmb.dcerpc.mssrvs.ShareInfo;
import io.cephsmb.gateway.config.ShareRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration's shares as srvsvc lists them. */
class ShareConfigSourceTest {
  @Test
  void ipcFirstThenTheDiskShares() {
    List<ShareInfo> shares =
        ShareConfigSource.toShares(
            List.of(new ShareRecord("data", "/volumes/data", "the data", false, false, false)),
            "IPC Service (gw)");
    assertEquals(
        List.of(
            ShareInfo.ipc("IPC Service (gw)"),
            new ShareInfo("data", ShareInfo.STYPE_DISKTREE, "the data", "/volumes/data")),
        shares);
    assertEquals("C:\\volumes\\data", shares.get(1).windowsPath());
  }
}

package io.cephsmb.gateway.rpc;

import io.cephsmb.dcerpc.mssrvs.ShareInfo;
import io.cephsmb.dcerpc.mssrvs.ShareInfoSource;
import io.cephsmb.gateway.config.ShareConfig;
import io.cephsmb.gateway.config.ShareRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The shares srvsvc lists: IPC$ first, then the disk shares of the configuration in RADOS. */
public final class ShareConfigSource implements ShareInfoSource {
  private final ShareConfig config;
  private final String ipcComment;

  /**
   * @param ipcComment the remark of IPC$ (Samba: "IPC Service (server comment)")
   */
  public ShareConfigSource(ShareConfig config, String ipcComment) {
    this.config = config;
    this.ipcComment = ipcComment;
  }

  @Override
  public CompletionStage<List<ShareInfo>> shares() {
    return config.list().thenApply(records -> toShares(records, ipcComment));
  }

  static List<ShareInfo> toShares(List<ShareRecord> records, String ipcComment) {
    List<ShareInfo> out = new ArrayList<>(records.size() + 1);
    out.add(ShareInfo.ipc(ipcComment));
    for (ShareRecord r : records) {
      out.add(ShareInfo.disk(r.name(), r.comment(), r.path()));
    }
    return out;
  }
}

package io.cephsmb.gateway.openfiles;

import io.cephsmb.omapkv.RecordFormat;
import java.util.List;

/**
 * The records of {@code file.*}, {@code node-opens.*} and {@code open-nodes}, for the state CLI.
 */
public final class OpenFileRecordFormats implements RecordFormat.Provider {

  @Override
  public List<RecordFormat> formats() {
    return List.of(
        RecordFormat.prefixed(OpenRecord.CODEC, "file.", OpenFileTable.OPEN_PREFIX),
        RecordFormat.exact(DeletePending.CODEC, "file.", OpenFileTable.DELETE_PENDING),
        RecordFormat.prefixed(OpenFileTable.FileRef.CODEC, "node-opens.", "file."),
        RecordFormat.prefixed(OpenPath.CODEC, "node-opens.", OpenPath.PREFIX),
        RecordFormat.prefixed(OpenFileTable.NodeRef.CODEC, OpenFileTable.NODES, "node."));
  }
}

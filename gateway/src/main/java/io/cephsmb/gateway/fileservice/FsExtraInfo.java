package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The file-system information classes beyond size and attributes that Windows answers ([MS-FSCC]
 * 2.5): FileFsControlInformation (2.5.2; quotas are not tracked: thresholds and limits "none",
 * control flags 0) and FileFsObjectIdInformation (2.5.6; the ObjectId is a name-based GUID of the
 * share's path, stable on every node, ExtendedInfo zero).
 */
final class FsExtraInfo {
  static final int FS_CONTROL = 6;
  static final int FS_OBJECT_ID = 8;

  private FsExtraInfo() {}

  static QueryInfoHandler.Info of(FileOpen o, int cls) {
    ByteBuf b = Unpooled.buffer();
    switch (cls) {
      case FS_CONTROL:
        b.writeLongLE(0); // FreeSpaceStartFiltering
        b.writeLongLE(0); // FreeSpaceThreshold
        b.writeLongLE(0); // FreeSpaceStopFiltering
        b.writeLongLE(-1); // DefaultQuotaThreshold: none
        b.writeLongLE(-1); // DefaultQuotaLimit: none
        b.writeIntLE(0); // FileSystemControlFlags: quotas off
        b.writeIntLE(0); // padding
        return new QueryInfoHandler.Info(b, 48);
      case FS_OBJECT_ID:
        {
          UUID u =
              UUID.nameUUIDFromBytes(
                  ("cephsmb-share:" + o.share.path()).getBytes(StandardCharsets.UTF_8));
          long hi = u.getMostSignificantBits();
          // GUID layout: Data1, Data2, Data3 little-endian, Data4 as bytes
          b.writeIntLE((int) (hi >>> 32));
          b.writeShortLE((int) (hi >>> 16));
          b.writeShortLE((int) hi);
          b.writeLong(u.getLeastSignificantBits());
          b.writeZero(48);
          return new QueryInfoHandler.Info(b, 64);
        }
      default:
        throw FileService.fail(NtStatus.INVALID_INFO_CLASS, "file system class " + cls);
    }
  }
}

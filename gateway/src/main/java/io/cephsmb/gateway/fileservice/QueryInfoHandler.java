package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;
import static io.cephsmb.gateway.fileservice.FileService.io;

import io.cephsmb.gateway.mssmb2.FileTimes;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2OutputBufferResponse;
import io.cephsmb.gateway.mssmb2.Smb2QueryInfoRequest;
import io.cephsmb.gateway.server.CommandHandler;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import io.cephsmb.omapkv.Futures;
import io.cephsmb.vfs.VfsStat;
import io.cephsmb.vfs.VfsStatFs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * [MS-SMB2] 3.3.5.20 Receiving an SMB2 QUERY_INFO Request for files ([MS-FSCC] 2.4) and file
 * systems ([MS-FSCC] 2.5); security queries get a minimal self-relative descriptor with a NULL DACL
 * (no ACLs yet). Buffer rules of 3.3.5.20.1 as Windows applies them: an OutputBufferLength smaller
 * than the fixed part of the class is STATUS_INFO_LENGTH_MISMATCH; for the classes with a variable
 * part (FileAll, FileStream, FileFsVolume, FileFsAttribute) a buffer that holds the fixed part but
 * not all of it gets the truncated data with STATUS_BUFFER_OVERFLOW.
 */
final class QueryInfoHandler implements CommandHandler {
  static final int FILE_BASIC = 4;
  static final int FILE_STANDARD = 5;
  static final int FILE_INTERNAL = 6;
  static final int FILE_EA = 7;
  static final int FILE_ACCESS = 8;
  static final int FILE_NAME = 9;
  static final int FILE_POSITION = 14;
  static final int FILE_MODE = 16;
  static final int FILE_ALIGNMENT = 17;
  static final int FILE_ALL = 18;
  static final int FILE_ALTERNATE_NAME = 21;
  static final int FILE_STREAM = 22;
  static final int FILE_COMPRESSION = 28;
  static final int FILE_NETWORK_OPEN = 34;
  static final int FILE_ATTRIBUTE_TAG = 35;
  static final int FILE_NORMALIZED_NAME = 48;

  static final int FS_VOLUME = 1;
  static final int FS_SIZE = 3;
  static final int FS_DEVICE = 4;
  static final int FS_ATTRIBUTE = 5;
  static final int FS_FULL_SIZE = 7;
  static final int FS_SECTOR_SIZE = 11;

  /**
   * FILE_CASE_SENSITIVE_SEARCH | FILE_CASE_PRESERVED_NAMES | FILE_UNICODE_ON_DISK |
   * FILE_SUPPORTS_SPARSE_FILES | FILE_NAMED_STREAMS.
   */
  static final int FS_ATTRIBUTES = 0x00040047;

  private final FileService fs;

  QueryInfoHandler(FileService fs) {
    this.fs = fs;
  }

  @Override
  public CompletableFuture<Response> handle(RequestContext rc) {
    Smb2QueryInfoRequest req = Smb2QueryInfoRequest.decode(rc.message());
    FileOpen o = fs.lookup(rc, req.fileId());
    int max = (int) Math.min(req.outputBufferLength(), rc.server().config().maxTransactSize());
    switch (req.infoType()) {
      case Smb2QueryInfoRequest.INFO_FILE:
        if ((req.fileInfoClass() == FILE_BASIC
                || req.fileInfoClass() == FILE_ALL
                || req.fileInfoClass() == FILE_NETWORK_OPEN
                || req.fileInfoClass() == FILE_ATTRIBUTE_TAG)
            && !o.has(Access.FILE_READ_ATTRIBUTES)) {
          throw fail(NtStatus.ACCESS_DENIED, "no FILE_READ_ATTRIBUTES");
        }
        return rc.offload(() -> answer(fileInfo(o, req.fileInfoClass()), max));
      case Smb2QueryInfoRequest.INFO_FILESYSTEM:
        return rc.offload(() -> answer(fsInfo(o, req.fileInfoClass()), max));
      case Smb2QueryInfoRequest.INFO_SECURITY:
        return CompletableFuture.completedFuture(answer(securityDescriptor(), max));
      default:
        throw fail(NtStatus.NOT_SUPPORTED, "InfoType " + req.infoType());
    }
  }

  /** An encoded class: the bytes and the length of its fixed part. */
  record Info(ByteBuf data, int fixed) {}

  private static Response answer(Info info, int max) {
    int len = info.data.readableBytes();
    if (max < Math.min(info.fixed, len)) {
      throw fail(NtStatus.INFO_LENGTH_MISMATCH, "OutputBufferLength " + max);
    }
    if (len > max) {
      ByteBuf cut = info.data.slice(0, max);
      return Response.of(NtStatus.BUFFER_OVERFLOW, b -> Smb2OutputBufferResponse.encode(b, cut));
    }
    return Response.ok(b -> Smb2OutputBufferResponse.encode(b, info.data));
  }

  private Info fileInfo(FileOpen o, int cls) {
    VfsStat st = io(() -> FileService.stat(o));
    // a stream open: times, attributes, links and inode are the base file's, sizes the stream's
    VfsStat bst = o.ads == null ? st : io(() -> FileService.baseStat(o));
    ByteBuf b = Unpooled.buffer();
    switch (cls) {
      case FILE_BASIC:
        basic(b, o, bst);
        return new Info(b, 40);
      case FILE_STANDARD:
        standard(b, o, st, deletePending(o));
        return new Info(b, 24);
      case FILE_INTERNAL:
        b.writeLongLE(bst.ino());
        return new Info(b, 8);
      case FILE_EA:
        b.writeIntLE(0);
        return new Info(b, 4);
      case FILE_ACCESS:
        b.writeIntLE(o.grantedAccess);
        return new Info(b, 4);
      case FILE_POSITION:
        b.writeLongLE(o.position);
        return new Info(b, 8);
      case FILE_MODE:
        b.writeIntLE(o.mode);
        return new Info(b, 4);
      case FILE_ALIGNMENT:
        b.writeIntLE(0);
        return new Info(b, 4);
      case FILE_NAME:
      case FILE_NORMALIZED_NAME:
        name(b, o);
        return new Info(b, 8);
      case FILE_ALTERNATE_NAME:
        // Windows answers OBJECT_NAME_NOT_FOUND for a file without a short name, which makes
        // smbclient's allinfo give up; NOT_SUPPORTED is what it skips (no 8.3 names here)
        throw fail(NtStatus.NOT_SUPPORTED, "no 8.3 names");
      case FILE_ALL:
        basic(b, o, bst);
        standard(b, o, st, deletePending(o));
        b.writeLongLE(bst.ino());
        b.writeIntLE(0); // EaSize
        b.writeIntLE(o.grantedAccess);
        b.writeLongLE(o.position);
        b.writeIntLE(o.mode);
        b.writeIntLE(0); // alignment
        name(b, o);
        return new Info(b, 104);
      case FILE_NETWORK_OPEN:
        {
          FileTimes t =
              fs.changeTimes.adjust(io(() -> Attributes.times(o.vfs, o.path(), bst)), bst);
          t.encode(b);
          b.writeLongLE(o.directory ? 0 : st.allocationSize());
          b.writeLongLE(o.directory ? 0 : st.size());
          b.writeIntLE(io(() -> Attributes.of(o.vfs, o.path(), bst)));
          b.writeIntLE(0);
          return new Info(b, 56);
        }
      case FILE_ATTRIBUTE_TAG:
        b.writeIntLE(io(() -> Attributes.of(o.vfs, o.path(), bst)));
        b.writeIntLE(0);
        return new Info(b, 8);
      case FILE_STREAM:
        return new Info(b, StreamInformation.encode(b, o, bst));
      case FILE_COMPRESSION:
        b.writeLongLE(o.directory ? 0 : st.size());
        b.writeShortLE(0); // COMPRESSION_FORMAT_NONE
        b.writeByte(0);
        b.writeByte(0);
        b.writeByte(0);
        b.writeZero(3);
        return new Info(b, 16);
      default:
        throw fail(NtStatus.INVALID_INFO_CLASS, "file class " + cls);
    }
  }

  private boolean deletePending(FileOpen o) {
    return Futures.join(fs.table.query(o.ino)).deletePending().isPresent();
  }

  private void basic(ByteBuf b, FileOpen o, VfsStat st) {
    FileTimes t = fs.changeTimes.adjust(io(() -> Attributes.times(o.vfs, o.path(), st)), st);
    t.encode(b);
    b.writeIntLE(io(() -> Attributes.of(o.vfs, o.path(), st)));
    b.writeIntLE(0);
  }

  private static void standard(ByteBuf b, FileOpen o, VfsStat st, boolean deletePending) {
    b.writeLongLE(o.directory ? 0 : st.allocationSize());
    b.writeLongLE(o.directory ? 0 : st.size());
    b.writeIntLE((int) Math.max(1, st.nlink()));
    b.writeByte(deletePending ? 1 : 0);
    b.writeByte(o.directory ? 1 : 0);
    b.writeShortLE(0);
  }

  private static void name(ByteBuf b, FileOpen o) {
    String s = Names.smbName(o.path());
    if (o.ads != null) {
      s = s + ":" + o.ads.name;
    }
    byte[] n = s.getBytes(StandardCharsets.UTF_16LE);
    b.writeIntLE(n.length);
    b.writeBytes(n);
  }

  private static Info fsInfo(FileOpen o, int cls) {
    ByteBuf b = Unpooled.buffer();
    switch (cls) {
      case FS_VOLUME:
        {
          byte[] label = o.share.name().getBytes(StandardCharsets.UTF_16LE);
          b.writeLongLE(0); // VolumeCreationTime
          b.writeIntLE(o.share.name().hashCode()); // VolumeSerialNumber
          b.writeIntLE(label.length);
          b.writeByte(0); // SupportsObjects
          b.writeByte(0);
          b.writeBytes(label);
          return new Info(b, 24);
        }
      case FS_SIZE:
        {
          VfsStatFs s = io(o.vfs::statfs);
          long unit = unit(s);
          b.writeLongLE(s.totalBlocks() * s.blockSize() / unit);
          b.writeLongLE(s.availableBlocks() * s.blockSize() / unit);
          b.writeIntLE((int) (unit / 512));
          b.writeIntLE(512);
          return new Info(b, 24);
        }
      case FS_FULL_SIZE:
        {
          VfsStatFs s = io(o.vfs::statfs);
          long unit = unit(s);
          b.writeLongLE(s.totalBlocks() * s.blockSize() / unit);
          b.writeLongLE(s.availableBlocks() * s.blockSize() / unit);
          b.writeLongLE(s.freeBlocks() * s.blockSize() / unit);
          b.writeIntLE((int) (unit / 512));
          b.writeIntLE(512);
          return new Info(b, 32);
        }
      case FS_DEVICE:
        b.writeIntLE(0x07); // FILE_DEVICE_DISK
        b.writeIntLE(0x20); // FILE_DEVICE_IS_MOUNTED
        return new Info(b, 8);
      case FS_ATTRIBUTE:
        {
          byte[] n = "NTFS".getBytes(StandardCharsets.UTF_16LE);
          b.writeIntLE(FS_ATTRIBUTES);
          b.writeIntLE(255);
          b.writeIntLE(n.length);
          b.writeBytes(n);
          return new Info(b, 16);
        }
      case FS_SECTOR_SIZE:
        b.writeIntLE(512);
        b.writeIntLE(512);
        b.writeIntLE(4096);
        b.writeIntLE(512);
        b.writeIntLE(0x3); // ALIGNED_DEVICE | PARTITION_ALIGNED_ON_DEVICE
        b.writeIntLE(0);
        b.writeIntLE(0);
        return new Info(b, 28);
      default:
        throw fail(NtStatus.INVALID_INFO_CLASS, "file system class " + cls);
    }
  }

  /** The allocation unit: the block size, at least 512 and a multiple of it, at most 1 MiB. */
  private static long unit(VfsStatFs s) {
    long u = Math.max(512, Math.min(1 << 20, s.blockSize()));
    return u - u % 512;
  }

  /** SECURITY_DESCRIPTOR, self-relative, DACL present and NULL: everyone has access. */
  private static Info securityDescriptor() {
    ByteBuf b = Unpooled.buffer();
    b.writeByte(1); // Revision
    b.writeByte(0);
    b.writeShortLE(0x8004); // SE_SELF_RELATIVE | SE_DACL_PRESENT
    b.writeIntLE(0);
    b.writeIntLE(0);
    b.writeIntLE(0);
    b.writeIntLE(0);
    return new Info(b, 20);
  }
}

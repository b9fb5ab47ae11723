package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.io;

import io.cephsmb.vfs.VfsStat;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-FSCC] 2.4.43 FileStreamInformation: {@code ::$DATA} first for a file (a directory has no
 * default data stream), then each named stream as {@code :name:$DATA} with its size and allocation
 * size; entries 8-byte aligned and chained by NextEntryOffset.
 */
final class StreamInformation {
  private StreamInformation() {}

  /**
   * Writes the entries of the file {@code o} is of ({@code base}: the base file's stat) and returns
   * the length of the fixed part (the first entry's header; 0 when there is nothing).
   */
  static int encode(ByteBuf b, FileOpen o, VfsStat base) {
    record Item(String name, long size, long allocation) {}
    List<Item> items = new ArrayList<>();
    if (!base.isDirectory()) {
      items.add(new Item("::$DATA", base.size(), base.allocationSize()));
    }
    for (Streams.Entry e : io(() -> Streams.list(o.vfs, o.path(), base.ino()))) {
      items.add(new Item(":" + e.name() + ":$DATA", e.stat().size(), e.stat().allocationSize()));
    }
    for (int i = 0; i < items.size(); i++) {
      Item it = items.get(i);
      byte[] n = Streams.utf16(it.name());
      int len = 24 + n.length;
      int padded = (len + 7) & ~7;
      boolean last = i == items.size() - 1;
      b.writeIntLE(last ? 0 : padded);
      b.writeIntLE(n.length);
      b.writeLongLE(it.size());
      b.writeLongLE(it.allocation());
      b.writeBytes(n);
      if (!last) {
        b.writeZero(padded - len);
      }
    }
    return items.isEmpty() ? 0 : 32;
  }
}

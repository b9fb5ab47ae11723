package io.cephsmb.gateway.msfscc;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * [MS-SMB2] 2.2.32.5 NETWORK_INTERFACE_INFO: one entry per address, 152 bytes each, chained by
 * Next; SockAddr_Storage holds a SOCKADDR_IN (2.2.32.5.1.1) or SOCKADDR_IN6 (2.2.32.5.1.2).
 *
 * @param ifIndex the interface index
 * @param capability RSS_CAPABLE 0x1 | RDMA_CAPABLE 0x2
 * @param linkSpeed bits per second
 * @param address the address
 */
public record NetworkInterfaceInfo(
    int ifIndex, int capability, long linkSpeed, InetAddress address) {
  /** Length of one entry. */
  public static final int LENGTH = 152;

  static final int AF_INET = 0x2;
  static final int AF_INET6 = 0x17;

  /** Encodes {@code entries}, Next pointing at the following one and 0 in the last. */
  public static void encode(List<NetworkInterfaceInfo> entries, ByteBuf out) {
    for (int i = 0; i < entries.size(); i++) {
      NetworkInterfaceInfo e = entries.get(i);
      int start = out.writerIndex();
      out.writeIntLE(i == entries.size() - 1 ? 0 : LENGTH);
      out.writeIntLE(e.ifIndex);
      out.writeIntLE(e.capability);
      out.writeIntLE(0); // Reserved
      out.writeLongLE(e.linkSpeed);
      if (e.address instanceof Inet4Address) {
        out.writeShortLE(AF_INET);
        out.writeShort(0); // Port
        out.writeBytes(e.address.getAddress());
        out.writeZero(8);
      } else if (e.address instanceof Inet6Address) {
        out.writeShortLE(AF_INET6);
        out.writeShort(0); // Port
        out.writeIntLE(0); // FlowInfo
        out.writeBytes(e.address.getAddress());
        out.writeIntLE(((Inet6Address) e.address).getScopeId());
      }
      out.writeZero(LENGTH - (out.writerIndex() - start));
    }
  }
}

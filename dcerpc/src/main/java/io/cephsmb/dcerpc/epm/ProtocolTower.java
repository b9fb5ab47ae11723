package io.cephsmb.dcerpc.epm;

import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import io.cephsmb.dcerpc.pdu.WireUuid;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * [C706] appendix L / [MS-RPCE] 2.2.1.2 a protocol tower, the octet string inside twr_t:
 * floor_count (u16 LE), then per floor lhs_length (u16 LE), lhs (protocol identifier and data),
 * rhs_length (u16 LE), rhs. Floor 1 names the interface, floor 2 the transfer syntax, floor 3 the
 * RPC protocol (0x0b, connection-oriented), floor 4 the transport endpoint (0x07 TCP port, 0x0f
 * named pipe), floor 5 the host (0x09 IPv4 address, 0x11 NetBIOS name). Ports and addresses are
 * big-endian; everything else little-endian.
 */
public record ProtocolTower(List<Floor> floors) {
  /** One floor: its left-hand side (protocol identifier first) and right-hand side. */
  public record Floor(Octets lhs, Octets rhs) {
    /** The protocol identifier (first lhs octet). */
    public int protocol() {
      return lhs.get(0);
    }
  }

  /** Protocol identifier of a UUID floor (interface or transfer syntax). */
  public static final int UUID_FLOOR = 0x0d;

  /** Connection-oriented RPC (ncacn). */
  public static final int NCACN = 0x0b;

  /** TCP port. */
  public static final int TCP = 0x07;

  /** IPv4 address. */
  public static final int IP = 0x09;

  /** Named pipe. */
  public static final int NAMED_PIPE = 0x0f;

  /** NetBIOS host name. */
  public static final int NETBIOS = 0x11;

  /** The most floors accepted in a tower. */
  static final int MAX_FLOORS = 16;

  public ProtocolTower {
    floors = List.copyOf(floors);
    for (Floor f : floors) {
      if (f.lhs().length() == 0) {
        throw new IllegalArgumentException("a floor without protocol identifier");
      }
    }
  }

  /** The ncacn_ip_tcp tower of {@code iface} on {@code address}:{@code port}. */
  public static ProtocolTower tcp(SyntaxId iface, Inet4Address address, int port) {
    return new ProtocolTower(
        List.of(
            uuidFloor(iface),
            uuidFloor(SyntaxId.NDR20),
            new Floor(Octets.of(new byte[] {NCACN}), Octets.of(new byte[2])),
            new Floor(
                Octets.of(new byte[] {TCP}),
                Octets.of(new byte[] {(byte) (port >>> 8), (byte) port})),
            new Floor(Octets.of(new byte[] {IP}), Octets.of(address.getAddress()))));
  }

  /** The ncacn_np tower of {@code iface} on pipe {@code pipe} (e.g. {@code \PIPE\srvsvc}). */
  public static ProtocolTower namedPipe(SyntaxId iface, String pipe, String host) {
    return new ProtocolTower(
        List.of(
            uuidFloor(iface),
            uuidFloor(SyntaxId.NDR20),
            new Floor(Octets.of(new byte[] {NCACN}), Octets.of(new byte[2])),
            new Floor(Octets.of(new byte[] {NAMED_PIPE}), cstring(pipe)),
            new Floor(Octets.of(new byte[] {NETBIOS}), cstring(host))));
  }

  /** Reads a tower that occupies all of {@code bytes}. */
  public static ProtocolTower decode(byte[] bytes) throws TowerException {
    ByteBuf in = Unpooled.wrappedBuffer(bytes);
    if (in.readableBytes() < 2) {
      throw new TowerException("tower shorter than its floor count");
    }
    int count = in.readUnsignedShortLE();
    if (count > MAX_FLOORS) {
      throw new TowerException(count + " floors");
    }
    List<Floor> floors = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Octets lhs = side(in, i, "lhs");
      Octets rhs = side(in, i, "rhs");
      if (lhs.length() == 0) {
        throw new TowerException("floor " + (i + 1) + " has an empty lhs");
      }
      floors.add(new Floor(lhs, rhs));
    }
    if (in.isReadable()) {
      throw new TowerException(in.readableBytes() + " bytes after the last floor");
    }
    return new ProtocolTower(floors);
  }

  private static Octets side(ByteBuf in, int floor, String which) throws TowerException {
    if (in.readableBytes() < 2) {
      throw new TowerException("floor " + (floor + 1) + " " + which + " length missing");
    }
    int length = in.readUnsignedShortLE();
    if (length > in.readableBytes()) {
      throw new TowerException("floor " + (floor + 1) + " " + which + " of " + length + " bytes");
    }
    return Octets.of(ByteBufUtil.getBytes(in.readSlice(length)));
  }

  /** The encoded octet string. */
  public byte[] encode() {
    ByteBuf out = Unpooled.buffer();
    out.writeShortLE(floors.size());
    for (Floor f : floors) {
      out.writeShortLE(f.lhs().length());
      f.lhs().writeTo(out);
      out.writeShortLE(f.rhs().length());
      f.rhs().writeTo(out);
    }
    return ByteBufUtil.getBytes(out);
  }

  /** The interface of floor 1, if it is a UUID floor. */
  public Optional<SyntaxId> interfaceId() {
    return floors.isEmpty() ? Optional.empty() : syntaxOf(floors.get(0));
  }

  /** The transfer syntax of floor 2, if it is a UUID floor. */
  public Optional<SyntaxId> transferSyntax() {
    return floors.size() < 2 ? Optional.empty() : syntaxOf(floors.get(1));
  }

  /** The RPC protocol of floor 3 ({@link #NCACN}), or -1. */
  public int rpcProtocol() {
    return floors.size() < 3 ? -1 : floors.get(2).protocol();
  }

  /** The transport of floor 4 ({@link #TCP}, {@link #NAMED_PIPE}, ...), or -1. */
  public int transport() {
    return floors.size() < 4 ? -1 : floors.get(3).protocol();
  }

  /** The TCP port of floor 4, if it is a TCP floor. */
  public Optional<Integer> port() {
    if (transport() != TCP || floors.get(3).rhs().length() != 2) {
      return Optional.empty();
    }
    Octets rhs = floors.get(3).rhs();
    return Optional.of((rhs.get(0) << 8) | rhs.get(1));
  }

  /** The IPv4 address of floor 5, if it is an IP floor. */
  public Optional<Inet4Address> address() {
    if (floors.size() < 5 || floors.get(4).protocol() != IP) {
      return Optional.empty();
    }
    try {
      InetAddress a = InetAddress.getByAddress(floors.get(4).rhs().toByteArray());
      return a instanceof Inet4Address v4 ? Optional.of(v4) : Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The pipe name of floor 4, if it is a named pipe floor. */
  public Optional<String> pipe() {
    return transport() == NAMED_PIPE ? Optional.of(string(floors.get(3).rhs())) : Optional.empty();
  }

  private static Floor uuidFloor(SyntaxId syntax) {
    ByteBuf lhs = Unpooled.buffer(19);
    lhs.writeByte(UUID_FLOOR);
    WireUuid.write(lhs, syntax.uuid());
    lhs.writeShortLE(syntax.major());
    ByteBuf rhs = Unpooled.buffer(2);
    rhs.writeShortLE(syntax.minor());
    return new Floor(Octets.of(ByteBufUtil.getBytes(lhs)), Octets.of(ByteBufUtil.getBytes(rhs)));
  }

  private static Optional<SyntaxId> syntaxOf(Floor f) {
    if (f.protocol() != UUID_FLOOR || f.lhs().length() != 19 || f.rhs().length() != 2) {
      return Optional.empty();
    }
    ByteBuf lhs = Unpooled.wrappedBuffer(f.lhs().toByteArray());
    lhs.skipBytes(1);
    var uuid = WireUuid.read(lhs);
    int major = lhs.readUnsignedShortLE();
    int minor = f.rhs().get(0) | (f.rhs().get(1) << 8);
    return Optional.of(new SyntaxId(uuid, major, minor));
  }

  private static Octets cstring(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    byte[] z = new byte[b.length + 1];
    System.arraycopy(b, 0, z, 0, b.length);
    return Octets.of(z);
  }

  private static String string(Octets o) {
    byte[] b = o.toByteArray();
    int n = b.length > 0 && b[b.length - 1] == 0 ? b.length - 1 : b.length;
    return new String(b, 0, n, StandardCharsets.US_ASCII);
  }
}

package io.cephsmb.dcerpc.pdu;

import io.netty.buffer.ByteBuf;
import java.util.Objects;
import java.util.UUID;

/**
 * [C706] 12.6.3.1 p_syntax_id_t: an interface or transfer syntax UUID with its version (major in
 * the low 16 bits of if_version, minor in the high 16 bits).
 */
public record SyntaxId(UUID uuid, int major, int minor) {
  /** Encoded length. */
  public static final int LENGTH = 20;

  /** [C706] 14 NDR transfer syntax, version 2.0. */
  public static final SyntaxId NDR20 =
      new SyntaxId(UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860"), 2, 0);

  /** [MS-RPCE] 2.2.5 NDR64 transfer syntax, version 1.0 (declined by this server). */
  public static final SyntaxId NDR64 =
      new SyntaxId(UUID.fromString("71710533-beba-4937-8319-b5dbef9ccc36"), 1, 0);

  /** The all-zero syntax used in rejected and negotiate_ack results. */
  public static final SyntaxId NULL = new SyntaxId(new UUID(0, 0), 0, 0);

  /** [MS-RPCE] 3.3.1.5.3: the first eight octets of a bind time feature negotiation syntax. */
  private static final long FEATURE_NEGOTIATION_PREFIX = 0x6cb71c2c98124540L;

  public SyntaxId {
    Objects.requireNonNull(uuid, "uuid");
    if ((major & ~0xffff) != 0 || (minor & ~0xffff) != 0) {
      throw new IllegalArgumentException("version out of range: " + major + "." + minor);
    }
  }

  /** True for a [MS-RPCE] 3.3.1.5.3 bind time feature negotiation transfer syntax. */
  public boolean isFeatureNegotiation() {
    return uuid.getMostSignificantBits() == FEATURE_NEGOTIATION_PREFIX;
  }

  /** [MS-RPCE] 2.2.2.14: the first octet of the BindTimeFeatureNegotiationBitmask. */
  public int featureBitmask() {
    return (int) (uuid.getLeastSignificantBits() >>> 56);
  }

  /** The bind time feature negotiation syntax offering {@code bitmask}. */
  public static SyntaxId featureNegotiation(int bitmask) {
    return new SyntaxId(
        new UUID(FEATURE_NEGOTIATION_PREFIX, ((long) (bitmask & 0xff)) << 56), 1, 0);
  }

  static SyntaxId read(ByteBuf in) {
    UUID uuid = WireUuid.read(in);
    int version = in.readIntLE();
    return new SyntaxId(uuid, version & 0xffff, version >>> 16);
  }

  void write(ByteBuf out) {
    WireUuid.write(out, uuid);
    out.writeShortLE(major);
    out.writeShortLE(minor);
  }
}

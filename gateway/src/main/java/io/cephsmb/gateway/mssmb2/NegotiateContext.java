package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.3.1 SMB2 NEGOTIATE_CONTEXT: ContextType, DataLength, 4 reserved bytes and Data; in
 * a list every context starts 8-byte aligned. The types the server understands are records here;
 * any other is kept as {@link Unknown} and ignored (3.3.5.4).
 */
public sealed interface NegotiateContext {
  /** SMB2_PREAUTH_INTEGRITY_CAPABILITIES. */
  int PREAUTH_INTEGRITY_CAPABILITIES = 0x0001;

  /** SMB2_ENCRYPTION_CAPABILITIES. */
  int ENCRYPTION_CAPABILITIES = 0x0002;

  /** SMB2_COMPRESSION_CAPABILITIES. */
  int COMPRESSION_CAPABILITIES = 0x0003;

  /** SMB2_NETNAME_NEGOTIATE_CONTEXT_ID. */
  int NETNAME_NEGOTIATE_CONTEXT_ID = 0x0005;

  /** SMB2_TRANSPORT_CAPABILITIES. */
  int TRANSPORT_CAPABILITIES = 0x0006;

  /** SMB2_RDMA_TRANSFORM_CAPABILITIES. */
  int RDMA_TRANSFORM_CAPABILITIES = 0x0007;

  /** SMB2_SIGNING_CAPABILITIES. */
  int SIGNING_CAPABILITIES = 0x0008;

  /** The ContextType. */
  int type();

  /** Writes the Data field. */
  void encodeData(ByteBuf out);

  /**
   * 2.2.3.1.1 SMB2_PREAUTH_INTEGRITY_CAPABILITIES.
   *
   * @param hashAlgorithms HashAlgorithms (0x0001 SHA-512)
   * @param salt Salt
   */
  record PreauthIntegrityCapabilities(List<Integer> hashAlgorithms, byte[] salt)
      implements NegotiateContext {
    /** HashAlgorithm SHA-512. */
    public static final int SHA_512 = 0x0001;

    /** Copies the list and the salt. */
    public PreauthIntegrityCapabilities {
      hashAlgorithms = List.copyOf(hashAlgorithms);
      salt = salt.clone();
    }

    @Override
    public byte[] salt() {
      return salt.clone();
    }

    @Override
    public int type() {
      return PREAUTH_INTEGRITY_CAPABILITIES;
    }

    @Override
    public void encodeData(ByteBuf out) {
      out.writeShortLE(hashAlgorithms.size());
      out.writeShortLE(salt.length);
      hashAlgorithms.forEach(out::writeShortLE);
      out.writeBytes(salt);
    }

    static PreauthIntegrityCapabilities decode(ByteBuf m, int at, int len) {
      if (len < 4) {
        throw new Smb2DecodeException("PREAUTH_INTEGRITY_CAPABILITIES too short");
      }
      int count = m.getUnsignedShortLE(at);
      int saltLength = m.getUnsignedShortLE(at + 2);
      if (count == 0 || 4 + 2L * count + saltLength > len) {
        throw new Smb2DecodeException("PREAUTH_INTEGRITY_CAPABILITIES counts exceed DataLength");
      }
      return new PreauthIntegrityCapabilities(
          shorts(m, at + 4, count), Smb2Wire.bytes(m, at + 4 + 2 * count, saltLength));
    }
  }

  /**
   * 2.2.3.1.2 SMB2_ENCRYPTION_CAPABILITIES.
   *
   * @param ciphers Ciphers, in the sender's order of preference
   */
  record EncryptionCapabilities(List<Integer> ciphers) implements NegotiateContext {
    /** Copies the list. */
    public EncryptionCapabilities {
      ciphers = List.copyOf(ciphers);
    }

    @Override
    public int type() {
      return ENCRYPTION_CAPABILITIES;
    }

    @Override
    public void encodeData(ByteBuf out) {
      out.writeShortLE(ciphers.size());
      ciphers.forEach(out::writeShortLE);
    }

    static EncryptionCapabilities decode(ByteBuf m, int at, int len) {
      if (len < 2) {
        throw new Smb2DecodeException("ENCRYPTION_CAPABILITIES too short");
      }
      int count = m.getUnsignedShortLE(at);
      if (count == 0 || 2 + 2L * count > len) {
        throw new Smb2DecodeException("ENCRYPTION_CAPABILITIES CipherCount exceeds DataLength");
      }
      return new EncryptionCapabilities(shorts(m, at + 2, count));
    }
  }

  /**
   * 2.2.3.1.7 SMB2_SIGNING_CAPABILITIES.
   *
   * @param algorithms SigningAlgorithms, in the sender's order of preference
   */
  record SigningCapabilities(List<Integer> algorithms) implements NegotiateContext {
    /** Copies the list. */
    public SigningCapabilities {
      algorithms = List.copyOf(algorithms);
    }

    @Override
    public int type() {
      return SIGNING_CAPABILITIES;
    }

    @Override
    public void encodeData(ByteBuf out) {
      out.writeShortLE(algorithms.size());
      algorithms.forEach(out::writeShortLE);
    }

    static SigningCapabilities decode(ByteBuf m, int at, int len) {
      if (len < 2) {
        throw new Smb2DecodeException("SIGNING_CAPABILITIES too short");
      }
      int count = m.getUnsignedShortLE(at);
      if (count == 0 || 2 + 2L * count > len) {
        throw new Smb2DecodeException("SIGNING_CAPABILITIES count exceeds DataLength");
      }
      return new SigningCapabilities(shorts(m, at + 2, count));
    }
  }

  /**
   * 2.2.3.1.4 SMB2_NETNAME_NEGOTIATE_CONTEXT_ID: the server name the client connects to.
   *
   * @param netName NetName
   */
  record NetnameNegotiateContextId(String netName) implements NegotiateContext {
    @Override
    public int type() {
      return NETNAME_NEGOTIATE_CONTEXT_ID;
    }

    @Override
    public void encodeData(ByteBuf out) {
      out.writeCharSequence(netName, StandardCharsets.UTF_16LE);
    }

    static NetnameNegotiateContextId decode(ByteBuf m, int at, int len) {
      return new NetnameNegotiateContextId(Smb2Wire.utf16(m, at, len & ~1, "NetName"));
    }
  }

  /**
   * A context the server does not interpret (3.3.5.4 says to ignore it).
   *
   * @param type ContextType
   * @param data Data
   */
  record Unknown(int type, byte[] data) implements NegotiateContext {
    /** Copies the data. */
    public Unknown {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    @Override
    public void encodeData(ByteBuf out) {
      out.writeBytes(data);
    }
  }

  /**
   * Reads {@code count} contexts starting at absolute index {@code at} of message {@code m}, each
   * checked to lie inside the message; every one after the first starts 8-byte aligned relative to
   * the message start.
   */
  static List<NegotiateContext> decodeList(ByteBuf m, int at, int count) {
    List<NegotiateContext> out = new ArrayList<>(count);
    int base = m.readerIndex();
    int end = m.writerIndex();
    for (int n = 0; n < count; n++) {
      if (n > 0) {
        at = base + ((at - base + 7) & ~7);
      }
      if (at > end || end - at < 8) {
        throw new Smb2DecodeException("negotiate context outside the message");
      }
      int type = m.getUnsignedShortLE(at);
      int len = m.getUnsignedShortLE(at + 2);
      int data = at + 8;
      if (len > end - data) {
        throw new Smb2DecodeException("negotiate context DataLength outside the message");
      }
      out.add(decodeOne(m, type, data, len));
      at = data + len;
    }
    return out;
  }

  private static NegotiateContext decodeOne(ByteBuf m, int type, int data, int len) {
    switch (type) {
      case PREAUTH_INTEGRITY_CAPABILITIES:
        return PreauthIntegrityCapabilities.decode(m, data, len);
      case ENCRYPTION_CAPABILITIES:
        return EncryptionCapabilities.decode(m, data, len);
      case SIGNING_CAPABILITIES:
        return SigningCapabilities.decode(m, data, len);
      case NETNAME_NEGOTIATE_CONTEXT_ID:
        return NetnameNegotiateContextId.decode(m, data, len);
      default:
        return new Unknown(type, Smb2Wire.bytes(m, data, len));
    }
  }

  /**
   * Writes the contexts, padding before each one after the first to 8 bytes relative to {@code
   * messageStart}, the writer index where the SMB2 header begins (or would begin).
   */
  static void encodeList(ByteBuf out, List<NegotiateContext> contexts, int messageStart) {
    for (int i = 0; i < contexts.size(); i++) {
      if (i > 0) {
        Smb2Wire.pad8(out, messageStart);
      }
      NegotiateContext c = contexts.get(i);
      out.writeShortLE(c.type());
      int lenAt = out.writerIndex();
      out.writeShortLE(0);
      out.writeIntLE(0);
      int start = out.writerIndex();
      c.encodeData(out);
      out.setShortLE(lenAt, out.writerIndex() - start);
    }
  }

  private static List<Integer> shorts(ByteBuf m, int at, int count) {
    List<Integer> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(m.getUnsignedShortLE(at + 2 * i));
    }
    return out;
  }
}

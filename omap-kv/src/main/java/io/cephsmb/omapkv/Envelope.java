package io.cephsmb.omapkv;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The versioned envelope every persisted record sits in: {@code {body format version, sequence
 * number, body}}, with a magic and a checksum so that a corrupt or truncated value is rejected,
 * never misread.
 *
 * <pre>
 * offset size  field
 *  0      2    magic 0xCE 0x5B
 *  2      1    envelope format (1)
 *  3      1    flags (0, reserved)
 *  4      2    body format version (unsigned, big-endian)
 *  6      8    sequence number (big-endian): bumped by the writer on every change
 * 14      4    body length n (big-endian)
 * 18      n    body
 * 18+n    4    CRC-32C of bytes [0, 18+n) (big-endian)
 * </pre>
 *
 * @param version the body's format version (0..65535)
 * @param seqnum the writer's sequence number
 * @param body the encoded body
 */
public record Envelope(int version, long seqnum, Bytes body) {

  static final int MAGIC = 0xCE5B;
  static final int FORMAT = 1;
  static final int HEADER = 18;
  static final int TRAILER = 4;

  public Envelope {
    if (version < 0 || version > 0xFFFF) {
      throw new IllegalArgumentException("version out of range: " + version);
    }
    Objects.requireNonNull(body);
  }

  /** The envelope's bytes. */
  public Bytes encode() {
    ByteBuffer b = ByteBuffer.allocate(HEADER + body.length() + TRAILER);
    b.putShort((short) MAGIC).put((byte) FORMAT).put((byte) 0);
    b.putShort((short) version).putLong(seqnum).putInt(body.length()).put(body.toArray());
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return Bytes.wrap(b.array());
  }

  /**
   * Parses an envelope.
   *
   * @throws CorruptRecordException if the bytes are not a well-formed envelope
   */
  public static Envelope decode(Bytes raw) {
    byte[] a = raw.toArray();
    if (a.length < HEADER + TRAILER) {
      throw new CorruptRecordException("record too short: " + a.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(a);
    int magic = b.getShort() & 0xFFFF;
    if (magic != MAGIC) {
      throw new CorruptRecordException(String.format("bad record magic 0x%04x", magic));
    }
    int format = b.get() & 0xFF;
    if (format != FORMAT) {
      throw new CorruptRecordException("unknown envelope format " + format);
    }
    b.get(); // flags
    int version = b.getShort() & 0xFFFF;
    long seq = b.getLong();
    long len = b.getInt() & 0xFFFFFFFFL;
    if (len != a.length - HEADER - TRAILER) {
      throw new CorruptRecordException(
          "record body length " + len + " does not match " + (a.length - HEADER - TRAILER));
    }
    CRC32C crc = new CRC32C();
    crc.update(a, 0, HEADER + (int) len);
    int stored = ByteBuffer.wrap(a, HEADER + (int) len, TRAILER).getInt();
    if (stored != (int) crc.getValue()) {
      throw new CorruptRecordException("record checksum mismatch");
    }
    return new Envelope(version, seq, Bytes.of(a, HEADER, (int) len));
  }
}

package io.cephsmb.gateway.msspng;

import java.util.Arrays;

/**
 * A strict DER reader over a byte range: single-byte tags, definite minimal lengths, every length
 * checked against the bytes that remain. Each failure is a {@link SpnegoException}.
 */
final class DerReader {
  private final byte[] buf;
  private final int elementStart;
  private int pos;
  private final int end;

  DerReader(byte[] buf) {
    this(buf, 0, 0, buf.length);
  }

  private DerReader(byte[] buf, int elementStart, int pos, int end) {
    this.buf = buf;
    this.elementStart = elementStart;
    this.pos = pos;
    this.end = end;
  }

  boolean hasMore() {
    return pos < end;
  }

  int peekTag() {
    if (pos >= end) {
      throw new SpnegoException("DER: unexpected end of data");
    }
    return buf[pos] & 0xff;
  }

  /** Reads one element with {@code tag} and returns a reader over its contents. */
  DerReader read(int tag) {
    int start = pos;
    int[] range = element(tag);
    return new DerReader(buf, start, range[0], range[1]);
  }

  /** The whole encoding (tag, length, contents) of the element this reader was made for. */
  byte[] encoding() {
    return Arrays.copyOfRange(buf, elementStart, end);
  }

  /** Reads one element with {@code tag} and returns its contents. */
  byte[] readBytes(int tag) {
    int[] range = element(tag);
    return Arrays.copyOfRange(buf, range[0], range[1]);
  }

  /** The contents of this reader that have not been read. */
  byte[] rest() {
    byte[] out = Arrays.copyOfRange(buf, pos, end);
    pos = end;
    return out;
  }

  void expectEnd(String what) {
    if (pos != end) {
      throw new SpnegoException("DER: " + (end - pos) + " trailing bytes after " + what);
    }
  }

  private int[] element(int tag) {
    int actual = peekTag();
    if (actual != tag) {
      throw new SpnegoException(String.format("DER: tag 0x%02x, expected 0x%02x", actual, tag));
    }
    if ((tag & 0x1f) == 0x1f) {
      throw new SpnegoException("DER: multi-byte tags are not used by SPNEGO");
    }
    pos++;
    int len = readLength();
    if (len > end - pos) {
      throw new SpnegoException(
          "DER: length " + len + " exceeds the " + (end - pos) + " bytes that remain");
    }
    int[] range = {pos, pos + len};
    pos += len;
    return range;
  }

  private int readLength() {
    if (pos >= end) {
      throw new SpnegoException("DER: missing length");
    }
    int first = buf[pos++] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int n = first & 0x7f;
    if (n == 0) {
      throw new SpnegoException("DER: indefinite length");
    }
    if (n > 4 || n > end - pos) {
      throw new SpnegoException("DER: length of " + n + " bytes");
    }
    long len = 0;
    for (int i = 0; i < n; i++) {
      len = len << 8 | (buf[pos++] & 0xff);
    }
    if (len < 0x80 || (n > 1 && len < (1L << (8 * (n - 1)))) || len > Integer.MAX_VALUE) {
      throw new SpnegoException("DER: length " + len + " not minimally encoded");
    }
    return (int) len;
  }
}

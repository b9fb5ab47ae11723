package io.cephsmb.dcerpc.np;

import io.cephsmb.dcerpc.pdu.PduHeader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts the bytes a client writes into a pipe into PDUs by their frag_length ([C706] 12.6.3.1); a
 * PDU may come in several writes and one write may carry several PDUs. Bytes that cannot start a
 * PDU (rpc_vers other than 5, frag_length shorter than the header) make the stream garbage. Not
 * thread-safe.
 */
final class PduFramer {
  private byte[] buf = new byte[0];
  private int len;

  /** Thrown when the stream cannot be framed. */
  static final class Garbage extends Exception {
    private static final long serialVersionUID = 1L;

    Garbage(String message) {
      super(message);
    }
  }

  /** Appends {@code data}; returns the PDUs completed. */
  List<byte[]> add(byte[] data) throws Garbage {
    if (len + data.length > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(len + data.length, Math.min(2 * buf.length, 1 << 17)));
    }
    System.arraycopy(data, 0, buf, len, data.length);
    len += data.length;
    List<byte[]> out = new ArrayList<>();
    int at = 0;
    while (len - at > 0) {
      if ((buf[at] & 0xff) != PduHeader.RPC_VERS) {
        throw new Garbage("not a DCE/RPC PDU: rpc_vers " + (buf[at] & 0xff));
      }
      if (len - at < 10) {
        break;
      }
      boolean littleEndian = (buf[at + 4] & 0xf0) == PduHeader.DREP_LITTLE_ENDIAN_ASCII;
      int fragLength =
          littleEndian
              ? (buf[at + 8] & 0xff) | (buf[at + 9] & 0xff) << 8
              : (buf[at + 9] & 0xff) | (buf[at + 8] & 0xff) << 8;
      if (fragLength < PduHeader.LENGTH) {
        throw new Garbage("frag_length " + fragLength);
      }
      if (len - at < fragLength) {
        break;
      }
      out.add(Arrays.copyOfRange(buf, at, at + fragLength));
      at += fragLength;
    }
    if (at > 0) {
      System.arraycopy(buf, at, buf, 0, len - at);
      len -= at;
    }
    return out;
  }

  /** The bytes of a PDU not yet complete. */
  int buffered() {
    return len;
  }
}

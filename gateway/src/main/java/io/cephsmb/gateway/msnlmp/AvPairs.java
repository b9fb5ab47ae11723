package io.cephsmb.gateway.msnlmp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * [MS-NLMP] 2.2.2.1 an AV_PAIR list as in CHALLENGE_MESSAGE.TargetInfo and in
 * NTLMv2_CLIENT_CHALLENGE.AvPairs: pairs up to and excluding the terminating MsvAvEOL.
 *
 * @param pairs the pairs, without the MsvAvEOL
 */
public record AvPairs(List<AvPair> pairs) {
  /** Copies the list; MsvAvEOL is implied and may not appear. */
  public AvPairs {
    pairs = List.copyOf(pairs);
    for (AvPair p : pairs) {
      if (p.id() == AvPair.MSV_AV_EOL) {
        throw new IllegalArgumentException("MsvAvEOL is written by encode()");
      }
    }
  }

  /**
   * Parses a list. It must end with MsvAvEOL inside {@code b}; bytes after the MsvAvEOL are ignored
   * (an NTLMv2 client challenge may carry padding there).
   */
  public static AvPairs decode(byte[] b) {
    NtlmReader r = new NtlmReader(b);
    List<AvPair> out = new ArrayList<>();
    int off = 0;
    while (true) {
      if (off > b.length - 4) {
        throw new NtlmDecodeException("AV_PAIR list is not terminated by MsvAvEOL");
      }
      int id = r.u16(off);
      int len = r.u16(off + 2);
      if (id == AvPair.MSV_AV_EOL) {
        return new AvPairs(out);
      }
      out.add(new AvPair(id, r.bytes(off + 4, len, "AV_PAIR " + id + " value")));
      off += 4 + len;
    }
  }

  /** The pairs followed by MsvAvEOL. */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (AvPair p : pairs) {
      writeHeader(out, p.id(), p.value().length);
      out.writeBytes(p.value());
    }
    writeHeader(out, AvPair.MSV_AV_EOL, 0);
    return out.toByteArray();
  }

  private static void writeHeader(ByteArrayOutputStream out, int id, int len) {
    out.write(id);
    out.write(id >>> 8);
    out.write(len);
    out.write(len >>> 8);
  }

  /** The first pair with this AvId. */
  public Optional<AvPair> get(int id) {
    return pairs.stream().filter(p -> p.id() == id).findFirst();
  }

  /** MsvAvFlags, 0 when absent. */
  public int flags() {
    return get(AvPair.MSV_AV_FLAGS).map(p -> (int) p.numberValue()).orElse(0);
  }
}

package io.cephsmb.gateway.server;

import java.util.BitSet;

/**
 * [MS-SMB2] 3.3.1.1 and 3.3.1.2 Connection.CommandSequenceWindow and the credits the server grants:
 * the MessageIds {@code [low, high)} are granted, a bitmap marks the ones already used, and {@code
 * low} moves up past the used ones. Starts as {0}. The window never spans more than twice the
 * credit limit, and the client never holds more than the limit. Event-loop confined.
 */
final class CreditWindow {
  private final int maxCredits;
  private final BitSet used = new BitSet();
  private long low;
  private long high = 1;

  CreditWindow(int maxCredits) {
    this.maxCredits = maxCredits;
  }

  /**
   * Consumes {@code count} consecutive MessageIds from {@code messageId} (3.3.5.2.3); false when
   * any of them is outside the window or already used.
   */
  boolean consume(long messageId, int count) {
    if (count < 1 || messageId < low || messageId >= high || high - messageId < count) {
      return false;
    }
    int from = (int) (messageId - low);
    int next = used.nextSetBit(from);
    if (next >= 0 && next < from + count) {
      return false;
    }
    used.set(from, from + count);
    int shift = used.nextClearBit(0);
    if (shift > 0) {
      low += shift;
      BitSet rest = used.get(shift, Math.max(shift, used.length()));
      used.clear();
      used.or(rest);
    }
    return true;
  }

  /** The credits the client holds: granted MessageIds it has not used. */
  int available() {
    return (int) (high - low) - used.cardinality();
  }

  /**
   * Grants credits for a response (3.3.1.2): what the client asked for, at least one when it would
   * otherwise be left without any, within the limits. Returns the CreditResponse value.
   */
  int grant(int requested) {
    int avail = available();
    int want = Math.max(requested, avail == 0 ? 1 : 0);
    int byLimit = maxCredits - avail;
    int bySpan = (int) (2L * maxCredits - (high - low));
    int g = Math.max(0, Math.min(want, Math.min(byLimit, bySpan)));
    high += g;
    return g;
  }

  /** The lowest MessageId not yet used. */
  long low() {
    return low;
  }

  /** One past the highest MessageId granted. */
  long high() {
    return high;
  }
}

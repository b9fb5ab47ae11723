package io.cephsmb.omapkv.rados;

import static io.cephsmb.omapkv.rados.Librados.cstr;

import com.sun.jna.Pointer;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.NotifyResult;
import io.cephsmb.omapkv.NotifyResult.WatcherId;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One notify in flight ({@code rados_aio_notify}): owns the reply-buffer out-parameters until the
 * completion, decodes the reply with {@code rados_decode_notify_response} ({@code struct
 * notify_ack_t} {u64 notifier_id, u64 cookie, char *payload, u64 payload_len}, {@code struct
 * notify_timeout_t} {u64 notifier_id, u64 cookie}), frees it with {@code
 * rados_free_notify_response} and the reply with {@code rados_buffer_free}. librados returns
 * -ETIMEDOUT when some watcher did not ack: that is a normal result here.
 */
final class NativeNotify extends AioOp<NotifyResult> {
  private final Pointer io;
  private final String oid;
  private final byte[] payload;
  private final long timeoutMs;
  private final NativeArena arena = new NativeArena();
  private final Pointer replyBuf = arena.wordSlot();
  private final Pointer replyLen = arena.wordSlot();

  NativeNotify(Pointer io, String what, String oid, Bytes payload, Duration timeout) {
    super("notify " + what);
    this.io = io;
    this.oid = oid;
    this.payload = payload.toArray();
    this.timeoutMs = Math.max(1, timeout.toMillis());
  }

  @Override
  int start(Pointer completion) {
    return Librados.rados_aio_notify(
        io, cstr(oid), completion, payload, payload.length, timeoutMs, replyBuf, replyLen);
  }

  @Override
  NotifyResult finish(int rv, long version) {
    Pointer reply = replyBuf.getPointer(0);
    if ((rv < 0 && rv != -Errno.ETIMEDOUT) || reply == null) {
      throw Errno.toException(rv < 0 ? rv : -Errno.EIO, what);
    }
    NativeArena tmp = new NativeArena();
    Pointer acks = tmp.wordSlot();
    Pointer nrAcks = tmp.wordSlot();
    Pointer timeouts = tmp.wordSlot();
    Pointer nrTimeouts = tmp.wordSlot();
    int rc =
        Librados.rados_decode_notify_response(
            reply, replyLen.getLong(0), acks, nrAcks, timeouts, nrTimeouts);
    if (rc < 0) {
      throw Errno.toException(rc, what + ": rados_decode_notify_response");
    }
    Pointer ackArr = acks.getPointer(0);
    Pointer toArr = timeouts.getPointer(0);
    long na = nrAcks.getLong(0);
    try {
      Map<WatcherId, Bytes> acked = new HashMap<>();
      for (long i = 0; i < na; i++) {
        long base = i * 32;
        long len = ackArr.getLong(base + 24);
        Pointer p = ackArr.getPointer(base + 16);
        Bytes b = len == 0 || p == null ? Bytes.EMPTY : Bytes.wrap(p.getByteArray(0, (int) len));
        acked.put(new WatcherId(ackArr.getLong(base), ackArr.getLong(base + 8)), b);
      }
      Set<WatcherId> timedOut = new HashSet<>();
      for (long i = 0; i < nrTimeouts.getLong(0); i++) {
        timedOut.add(new WatcherId(toArr.getLong(i * 16), toArr.getLong(i * 16 + 8)));
      }
      return new NotifyResult(acked, timedOut);
    } finally {
      Librados.rados_free_notify_response(ackArr, na, toArr);
    }
  }

  @Override
  void release() {
    Pointer reply = replyBuf.getPointer(0);
    if (reply != null) {
      Librados.rados_buffer_free(reply);
      replyBuf.setPointer(0, null);
    }
  }
}

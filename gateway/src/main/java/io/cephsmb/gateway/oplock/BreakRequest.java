package io.cephsmb.gateway.oplock;

import io.cephsmb.omapkv.BodyReader;
import io.cephsmb.omapkv.BodyWriter;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.Envelope;

/**
 * A break asked of another node through its mailbox object ({@code mailbox.<node>}): the payload of
 * the RADOS notify, in a versioned envelope. The holder node acks the notify once the break is done
 * (acknowledged by the client, timed out, or not needing an acknowledgment).
 *
 * @param openKey the holder open's key ({@code open.<node>.<id>})
 * @param ino the file's inode
 * @param toLevel the oplock level to break to
 * @param toLeaseState the lease state to break to (lease holders)
 * @param lease whether the holder holds a lease (then {@code clientGuid}/{@code leaseKey} name it)
 * @param clientGuid the lease's client GUID
 * @param leaseKey the lease key
 */
record BreakRequest(
    String openKey,
    long ino,
    int toLevel,
    int toLeaseState,
    boolean lease,
    Bytes clientGuid,
    Bytes leaseKey) {
  static final String TYPE = "oplock-break";
  static final int VERSION = 1;

  Bytes encode() {
    Bytes body =
        new BodyWriter()
            .string(openKey)
            .i64(ino)
            .i32(toLevel)
            .i32(toLeaseState)
            .bool(lease)
            .bytes(clientGuid.toArray())
            .bytes(leaseKey.toArray())
            .toBytes();
    return new Envelope(VERSION, 0, body).encode();
  }

  /** Reads a payload; throws on anything malformed or newer. */
  static BreakRequest decode(Bytes raw) {
    Envelope e = Envelope.decode(raw);
    if (e.version() > VERSION) {
      throw new IllegalArgumentException(TYPE + " version " + e.version());
    }
    BodyReader r = new BodyReader(TYPE, e.body());
    return new BreakRequest(
        r.string("openKey"),
        r.i64("ino"),
        r.i32("toLevel"),
        r.i32("toLeaseState"),
        r.bool("lease"),
        Bytes.wrap(r.bytes("clientGuid")),
        Bytes.wrap(r.bytes("leaseKey")));
  }
}

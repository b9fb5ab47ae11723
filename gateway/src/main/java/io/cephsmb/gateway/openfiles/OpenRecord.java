package io.cephsmb.gateway.openfiles;

import io.cephsmb.omapkv.BodyReader;
import io.cephsmb.omapkv.BodyWriter;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.RecordCodec;

/**
 * One open of a file, in the file's object ({@code file.<ino hex>}), key {@code
 * open.<node>.<persistent id hex>}: what every node needs to check share modes and delete rules
 * against it, and what a node taking over needs to find it.
 *
 * @param nodeId the node that holds the open
 * @param incarnation that node's incarnation when it opened (a restarted node purges older ones)
 * @param persistentId the open's persistent FileId part, unique per node
 * @param stream the stream name ("" for the default data stream)
 * @param grantedAccess the granted access mask ([MS-SMB2] 2.2.13.1), MAXIMUM_ALLOWED resolved
 * @param shareAccess FILE_SHARE_READ (1) | FILE_SHARE_WRITE (2) | FILE_SHARE_DELETE (4)
 * @param deleteOnClose whether the open was created with FILE_DELETE_ON_CLOSE
 * @param directory whether the file is a directory
 * @param sessionId the SMB session that owns it
 * @param clientGuid the client's GUID (empty if none)
 * @param createGuid the create GUID of a durable v2 / persistent open (empty if none)
 * @param createdMillis wall-clock time of the open (for people)
 * @param oplockLevel the oplock the open holds ([MS-SMB2] 2.2.13: 0 none, 0x01 level II, 0x08
 *     exclusive, 0x09 batch, 0xFF lease); record version 2
 * @param leaseKey the lease key of a lease open (16 bytes), empty otherwise; version 2
 * @param leaseState the lease's caching state (R 0x01, H 0x02, W 0x04); version 2
 * @param leaseEpoch the lease epoch (SMB 3.x lease V2); version 2
 * @param parentLeaseKey the parent directory's lease key (lease V2), empty if none; version 2
 *     <p>Version 1 records (written before oplocks existed) read as opens without an oplock.
 */
public record OpenRecord(
    String nodeId,
    long incarnation,
    long persistentId,
    String stream,
    int grantedAccess,
    int shareAccess,
    boolean deleteOnClose,
    boolean directory,
    long sessionId,
    Bytes clientGuid,
    Bytes createGuid,
    long createdMillis,
    int oplockLevel,
    Bytes leaseKey,
    int leaseState,
    int leaseEpoch,
    Bytes parentLeaseKey) {

  /** An open without oplock or lease. */
  public OpenRecord(
      String nodeId,
      long incarnation,
      long persistentId,
      String stream,
      int grantedAccess,
      int shareAccess,
      boolean deleteOnClose,
      boolean directory,
      long sessionId,
      Bytes clientGuid,
      Bytes createGuid,
      long createdMillis) {
    this(
        nodeId,
        incarnation,
        persistentId,
        stream,
        grantedAccess,
        shareAccess,
        deleteOnClose,
        directory,
        sessionId,
        clientGuid,
        createGuid,
        createdMillis,
        0,
        Bytes.EMPTY,
        0,
        0,
        Bytes.EMPTY);
  }

  /** This open with another oplock level and lease state (the caching it holds now). */
  public OpenRecord withCaching(int level, Bytes key, int state, int epoch, Bytes parent) {
    return new OpenRecord(
        nodeId,
        incarnation,
        persistentId,
        stream,
        grantedAccess,
        shareAccess,
        deleteOnClose,
        directory,
        sessionId,
        clientGuid,
        createGuid,
        createdMillis,
        level,
        key,
        state,
        epoch,
        parent);
  }

  /** Whether the open holds a lease (oplock level 0xFF with a key). */
  public boolean hasLease() {
    return oplockLevel == 0xFF && leaseKey.length() == 16;
  }

  /** The omap key of this open in its file's object. */
  public String key() {
    return key(nodeId, persistentId);
  }

  public static String key(String nodeId, long persistentId) {
    return OpenFileTable.OPEN_PREFIX + nodeId + "." + String.format("%016x", persistentId);
  }

  public static final RecordCodec<OpenRecord> CODEC =
      new RecordCodec<>() {
        @Override
        public String type() {
          return "open";
        }

        @Override
        public int version() {
          return 2;
        }

        @Override
        public Bytes encode(OpenRecord o) {
          return new BodyWriter()
              .string(o.nodeId())
              .i64(o.incarnation())
              .i64(o.persistentId())
              .string(o.stream())
              .i32(o.grantedAccess())
              .i32(o.shareAccess())
              .bool(o.deleteOnClose())
              .bool(o.directory())
              .i64(o.sessionId())
              .bytes(o.clientGuid().toArray())
              .bytes(o.createGuid().toArray())
              .i64(o.createdMillis())
              .i32(o.oplockLevel())
              .bytes(o.leaseKey().toArray())
              .i32(o.leaseState())
              .i32(o.leaseEpoch())
              .bytes(o.parentLeaseKey().toArray())
              .toBytes();
        }

        @Override
        public OpenRecord decode(int version, Bytes body) {
          BodyReader r = new BodyReader(type(), body);
          OpenRecord v1 =
              new OpenRecord(
                  r.string("nodeId"),
                  r.i64("incarnation"),
                  r.i64("persistentId"),
                  r.string("stream"),
                  r.i32("grantedAccess"),
                  r.i32("shareAccess"),
                  r.bool("deleteOnClose"),
                  r.bool("directory"),
                  r.i64("sessionId"),
                  Bytes.wrap(r.bytes("clientGuid")),
                  Bytes.wrap(r.bytes("createGuid")),
                  r.i64("createdMillis"));
          if (version < 2) {
            return v1;
          }
          return v1.withCaching(
              r.i32("oplockLevel"),
              Bytes.wrap(r.bytes("leaseKey")),
              r.i32("leaseState"),
              r.i32("leaseEpoch"),
              Bytes.wrap(r.bytes("parentLeaseKey")));
        }
      };
}

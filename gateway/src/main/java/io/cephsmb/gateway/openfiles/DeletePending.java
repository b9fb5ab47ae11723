package io.cephsmb.gateway.openfiles;

import io.cephsmb.omapkv.BodyReader;
import io.cephsmb.omapkv.BodyWriter;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.RecordCodec;

/**
 * The file is delete-pending ([MS-FSA] Link.IsDeleted): new opens fail with STATUS_DELETE_PENDING
 * and the last close removes it. Key {@code delete-pending} in the file's object. The share and
 * path let any node finish the deletion if the node whose close should have removed the file died
 * first.
 *
 * @param share the share the file was reached through
 * @param path the file's path inside the share when it was marked
 * @param byOpen the key of the open that marked it
 */
public record DeletePending(String share, String path, String byOpen) {

  public static final RecordCodec<DeletePending> CODEC =
      new RecordCodec<>() {
        @Override
        public String type() {
          return "delete-pending";
        }

        @Override
        public int version() {
          return 1;
        }

        @Override
        public Bytes encode(DeletePending d) {
          return new BodyWriter().string(d.share()).string(d.path()).string(d.byOpen()).toBytes();
        }

        @Override
        public DeletePending decode(int version, Bytes body) {
          BodyReader r = new BodyReader(type(), body);
          return new DeletePending(r.string("share"), r.string("path"), r.string("byOpen"));
        }
      };
}

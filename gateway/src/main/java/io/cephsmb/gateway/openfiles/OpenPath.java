package io.cephsmb.gateway.openfiles;

import io.cephsmb.omapkv.BodyReader;
import io.cephsmb.omapkv.BodyWriter;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.RecordCodec;

/**
 * Where an open is, in its node's index object ({@code node-opens.<node>}), key {@code
 * path.<absolute path>//<persistent id hex>}: what lets any node ask "is anything open below this
 * directory, on any node?" with one omap prefix read per node ({@link OpenFileTable#anyOpenBelow}).
 * The absolute path is the share's path inside the file system joined with the share-relative path
 * ({@code /exports/a/b.txt}), so two shares over the same tree see each other's opens.
 *
 * @param ino the file's inode
 * @param incarnation the node's incarnation when it opened (a restarted node purges older ones)
 */
public record OpenPath(long ino, long incarnation) {
  static final String PREFIX = "path.";

  /** The index key of the open {@code persistentId} of the file at {@code absPath}. */
  public static String key(String absPath, long persistentId) {
    return byOpen(PREFIX + absPath, persistentId);
  }

  /** An index key: {@code name}, then the persistent id of the open that wrote the entry. */
  static String byOpen(String name, long persistentId) {
    return name + "//" + String.format("%016x", persistentId);
  }

  public static final RecordCodec<OpenPath> CODEC =
      new RecordCodec<>() {
        @Override
        public String type() {
          return "open-path";
        }

        @Override
        public int version() {
          return 1;
        }

        @Override
        public Bytes encode(OpenPath p) {
          return new BodyWriter().i64(p.ino()).i64(p.incarnation()).toBytes();
        }

        @Override
        public OpenPath decode(int version, Bytes body) {
          BodyReader r = new BodyReader(type(), body);
          return new OpenPath(r.i64("ino"), r.i64("incarnation"));
        }
      };
}

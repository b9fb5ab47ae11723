package io.cephsmb.gateway.config;

import io.cephsmb.omapkv.BodyReader;
import io.cephsmb.omapkv.BodyWriter;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.CorruptRecordException;
import io.cephsmb.omapkv.RecordCodec;

/**
 * One user in {@code passdb}, key {@code user.<lower-case name>}. Only the NT hash (MD4 of the
 * UTF-16LE password, [MS-NLMP] 3.3.1) is stored, never the password.
 *
 * @param name the name as given (matched case-insensitively)
 * @param ntHash the 16-byte NT hash
 * @param rid the relative id, unique in this gateway cluster (SIDs come from it)
 * @param uid the POSIX uid files are created with (-1: the share's default)
 * @param gid the POSIX gid (-1: the share's default)
 * @param disabled whether logons are refused
 */
public record UserRecord(String name, Bytes ntHash, int rid, int uid, int gid, boolean disabled) {

  public UserRecord {
    if (ntHash.length() != 16) {
      throw new IllegalArgumentException("an NT hash has 16 bytes, not " + ntHash.length());
    }
  }

  public UserRecord withHash(Bytes h) {
    return new UserRecord(name, h, rid, uid, gid, disabled);
  }

  public static final RecordCodec<UserRecord> CODEC =
      new RecordCodec<>() {
        @Override
        public String type() {
          return "user";
        }

        @Override
        public int version() {
          return 1;
        }

        @Override
        public Bytes encode(UserRecord u) {
          return new BodyWriter()
              .string(u.name())
              .bytes(u.ntHash().toArray())
              .i32(u.rid())
              .i32(u.uid())
              .i32(u.gid())
              .bool(u.disabled())
              .toBytes();
        }

        @Override
        public UserRecord decode(int version, Bytes body) {
          BodyReader r = new BodyReader(type(), body);
          String name = r.string("name");
          byte[] h = r.bytes("ntHash");
          if (h.length != 16) {
            throw new CorruptRecordException("user record: NT hash of " + h.length + " bytes");
          }
          return new UserRecord(
              name, Bytes.wrap(h), r.i32("rid"), r.i32("uid"), r.i32("gid"), r.bool("disabled"));
        }
      };
}

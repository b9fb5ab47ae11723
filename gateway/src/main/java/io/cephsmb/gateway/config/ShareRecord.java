package io.cephsmb.gateway.config;

import io.cephsmb.omapkv.BodyReader;
import io.cephsmb.omapkv.BodyWriter;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.RecordCodec;

/**
 * One share in {@code config}, key {@code share.<lower-case name>}.
 *
 * @param name the share name as given (matched case-insensitively)
 * @param path the directory inside CephFS it exports
 * @param comment shown by share enumeration
 * @param readOnly whether writes are refused
 * @param encryptData whether SMB 3.x clients must encrypt ([MS-SMB2] 3.3.1.6 EncryptData)
 * @param continuouslyAvailable whether handles are persistent (announced once supported)
 */
public record ShareRecord(
    String name,
    String path,
    String comment,
    boolean readOnly,
    boolean encryptData,
    boolean continuouslyAvailable) {

  public static final RecordCodec<ShareRecord> CODEC =
      new RecordCodec<>() {
        @Override
        public String type() {
          return "share";
        }

        @Override
        public int version() {
          return 1;
        }

        @Override
        public Bytes encode(ShareRecord s) {
          return new BodyWriter()
              .string(s.name())
              .string(s.path())
              .string(s.comment())
              .bool(s.readOnly())
              .bool(s.encryptData())
              .bool(s.continuouslyAvailable())
              .toBytes();
        }

        @Override
        public ShareRecord decode(int version, Bytes body) {
          BodyReader r = new BodyReader(type(), body);
          return new ShareRecord(
              r.string("name"),
              r.string("path"),
              r.string("comment"),
              r.bool("readOnly"),
              r.bool("encryptData"),
              r.bool("continuouslyAvailable"));
        }
      };
}

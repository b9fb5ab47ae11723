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
 * @param caseSensitive whether names are compared with case (default false: case-insensitive and
 *     case-preserving, as Windows; body version 2, absent from version 1 records)
 */
public record ShareRecord(
    String name,
    String path,
    String comment,
    boolean readOnly,
    boolean encryptData,
    boolean continuouslyAvailable,
    boolean caseSensitive) {

  /** A share with case-insensitive names. */
  public ShareRecord(
      String name,
      String path,
      String comment,
      boolean readOnly,
      boolean encryptData,
      boolean continuouslyAvailable) {
    this(name, path, comment, readOnly, encryptData, continuouslyAvailable, false);
  }

  public static final RecordCodec<ShareRecord> CODEC =
      new RecordCodec<>() {
        @Override
        public String type() {
          return "share";
        }

        @Override
        public int version() {
          return 2;
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
              .bool(s.caseSensitive())
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
              r.bool("continuouslyAvailable"),
              version >= 2 && r.bool("caseSensitive"));
        }
      };
}

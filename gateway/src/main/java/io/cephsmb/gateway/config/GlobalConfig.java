package io.cephsmb.gateway.config;

import io.cephsmb.omapkv.BodyReader;
import io.cephsmb.omapkv.BodyWriter;
import io.cephsmb.omapkv.Bytes;
import io.cephsmb.omapkv.CorruptRecordException;
import io.cephsmb.omapkv.RecordCodec;

/**
 * Cluster-wide settings in {@code config}, key {@code global}; created once, with a random server
 * GUID, by the first node or CLI command that needs it.
 *
 * @param serverGuid the 16-byte ServerGuid every node announces ([MS-SMB2] 3.3.1.5): stable for the
 *     cluster, so clients see one server
 * @param signingRequired whether every session must sign
 * @param encryptData whether every 3.x session must encrypt (global EncryptData)
 */
public record GlobalConfig(Bytes serverGuid, boolean signingRequired, boolean encryptData) {

  public static final RecordCodec<GlobalConfig> CODEC =
      new RecordCodec<>() {
        @Override
        public String type() {
          return "global";
        }

        @Override
        public int version() {
          return 1;
        }

        @Override
        public Bytes encode(GlobalConfig g) {
          return new BodyWriter()
              .bytes(g.serverGuid().toArray())
              .bool(g.signingRequired())
              .bool(g.encryptData())
              .toBytes();
        }

        @Override
        public GlobalConfig decode(int version, Bytes body) {
          BodyReader r = new BodyReader(type(), body);
          byte[] guid = r.bytes("serverGuid");
          if (guid.length != 16) {
            throw new CorruptRecordException("global config: server GUID of " + guid.length);
          }
          return new GlobalConfig(
              Bytes.wrap(guid), r.bool("signingRequired"), r.bool("encryptData"));
        }
      };
}

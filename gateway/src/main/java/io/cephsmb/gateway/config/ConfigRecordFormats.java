package io.cephsmb.gateway.config;

import io.cephsmb.omapkv.RecordFormat;
import io.cephsmb.omapkv.RecordFormats;
import java.util.List;
import java.util.Map;

/**
 * The records of {@code passdb} and {@code config}, for the state CLI (registered as a service).
 */
public final class ConfigRecordFormats implements RecordFormat.Provider {

  @Override
  public List<RecordFormat> formats() {
    return List.of(
        RecordFormat.prefixed(UserRecord.CODEC, PassDb.OID, PassDb.USER_PREFIX)
            .shownAs(ConfigRecordFormats::redactHash),
        RecordFormat.exact(PassDb.NextRid.CODEC, PassDb.OID, PassDb.NEXT_RID),
        RecordFormat.prefixed(ShareRecord.CODEC, ShareConfig.OID, ShareConfig.SHARE_PREFIX),
        RecordFormat.exact(GlobalConfig.CODEC, ShareConfig.OID, ShareConfig.GLOBAL));
  }

  /** The NT hash is a password equivalent: never shown. */
  @SuppressWarnings("unchecked")
  private static Object redactHash(Object user) {
    Map<String, Object> m = (Map<String, Object>) RecordFormats.tree(user);
    m.put("ntHash", "<redacted>");
    return m;
  }
}

package io.cephsmb.gateway.config;

import io.cephsmb.omapkv.RecordCodec;
import io.cephsmb.omapkv.RecordFormat;
import io.cephsmb.omapkv.RecordFormats;
import java.util.Map;

/** The records of {@code passdb} and {@code config}, for the state CLI (registered as services). */
public final class ConfigRecordFormats {
  private ConfigRecordFormats() {}

  /** user.&lt;name&gt; in passdb; the NT hash is never shown. */
  public static final class User implements RecordFormat {
    @Override
    public RecordCodec<?> codec() {
      return UserRecord.CODEC;
    }

    @Override
    public boolean matches(String oid, String key) {
      return oid.equals(PassDb.OID) && key.startsWith(PassDb.USER_PREFIX);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object display(Object value) {
      Map<String, Object> m = (Map<String, Object>) RecordFormats.tree(value);
      m.put("ntHash", "<redacted>");
      return m;
    }
  }

  /** next-rid in passdb. */
  public static final class NextRid implements RecordFormat {
    @Override
    public RecordCodec<?> codec() {
      return PassDb.NextRid.CODEC;
    }

    @Override
    public boolean matches(String oid, String key) {
      return oid.equals(PassDb.OID) && key.equals(PassDb.NEXT_RID);
    }
  }

  /** share.&lt;name&gt; in config. */
  public static final class Share implements RecordFormat {
    @Override
    public RecordCodec<?> codec() {
      return ShareRecord.CODEC;
    }

    @Override
    public boolean matches(String oid, String key) {
      return oid.equals(ShareConfig.OID) && key.startsWith(ShareConfig.SHARE_PREFIX);
    }
  }

  /** global in config. */
  public static final class Global implements RecordFormat {
    @Override
    public RecordCodec<?> codec() {
      return GlobalConfig.CODEC;
    }

    @Override
    public boolean matches(String oid, String key) {
      return oid.equals(ShareConfig.OID) && key.equals(ShareConfig.GLOBAL);
    }
  }
}

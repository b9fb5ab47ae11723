package io.cephsmb.gateway.openfiles;

import io.cephsmb.omapkv.RecordCodec;
import io.cephsmb.omapkv.RecordFormat;

/** The records of {@code file.*} and {@code node-opens.*}, for the state CLI. */
public final class OpenFileRecordFormats {
  private OpenFileRecordFormats() {}

  /** open.&lt;node&gt;.&lt;id&gt; in file.&lt;ino&gt;. */
  public static final class Open implements RecordFormat {
    @Override
    public RecordCodec<?> codec() {
      return OpenRecord.CODEC;
    }

    @Override
    public boolean matches(String oid, String key) {
      return oid.startsWith("file.") && key.startsWith(OpenFileTable.OPEN_PREFIX);
    }
  }

  /** delete-pending in file.&lt;ino&gt;. */
  public static final class Pending implements RecordFormat {
    @Override
    public RecordCodec<?> codec() {
      return DeletePending.CODEC;
    }

    @Override
    public boolean matches(String oid, String key) {
      return oid.startsWith("file.") && key.equals(OpenFileTable.DELETE_PENDING);
    }
  }

  /** file.&lt;ino&gt; in node-opens.&lt;node&gt;. */
  public static final class Index implements RecordFormat {
    @Override
    public RecordCodec<?> codec() {
      return OpenFileTable.FileRef.CODEC;
    }

    @Override
    public boolean matches(String oid, String key) {
      return oid.startsWith("node-opens.") && key.startsWith("file.");
    }
  }
}

package io.cephsmb.omapkv;

/**
 * How the state CLI recognizes and decodes one kind of stored record. Modules list theirs in {@code
 * META-INF/services/io.cephsmb.omapkv.RecordFormat}; {@link RecordFormats} finds them.
 */
public interface RecordFormat {

  /** The codec of the record's body. */
  RecordCodec<?> codec();

  /** Whether the omap value at {@code key} of object {@code oid} is this kind of record. */
  boolean matches(String oid, String key);

  /**
   * The decoded record as people may see it (maps, lists, scalars); override to hide secrets such
   * as password hashes.
   */
  default Object display(Object value) {
    return RecordFormats.tree(value);
  }
}

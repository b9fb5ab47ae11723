package io.cephsmb.omapkv;

import java.util.List;
import java.util.function.Function;

/**
 * How the state CLI recognizes and shows one kind of stored record: the codec of its body, which
 * object and key it sits at, and how people may see it. Modules hand theirs to {@link
 * RecordFormats} through a {@link Provider} listed in {@code
 * META-INF/services/io.cephsmb.omapkv.RecordFormat$Provider}.
 *
 * @param codec the body codec
 * @param oidPrefix objects whose name starts with this
 * @param key the key (exact), or the key prefix when {@code keyIsPrefix}
 * @param keyIsPrefix whether {@code key} is a prefix
 * @param display the decoded record as people may see it (maps, lists, scalars): hide secrets such
 *     as password hashes here
 */
public record RecordFormat(
    RecordCodec<?> codec,
    String oidPrefix,
    String key,
    boolean keyIsPrefix,
    Function<Object, Object> display) {

  /** The formats of one module. */
  public interface Provider {
    List<RecordFormat> formats();
  }

  /** Records at keys starting with {@code keyPrefix} in objects starting with {@code oidPrefix}. */
  public static RecordFormat prefixed(RecordCodec<?> codec, String oidPrefix, String keyPrefix) {
    return new RecordFormat(codec, oidPrefix, keyPrefix, true, RecordFormats::tree);
  }

  /** Records at exactly {@code key} in objects starting with {@code oidPrefix}. */
  public static RecordFormat exact(RecordCodec<?> codec, String oidPrefix, String key) {
    return new RecordFormat(codec, oidPrefix, key, false, RecordFormats::tree);
  }

  /** The same format shown through {@code display}. */
  public RecordFormat shownAs(Function<Object, Object> d) {
    return new RecordFormat(codec, oidPrefix, key, keyIsPrefix, d);
  }

  /** Whether the value at {@code key} of object {@code oid} is this kind of record. */
  public boolean matches(String oid, String k) {
    return oid.startsWith(oidPrefix) && (keyIsPrefix ? k.startsWith(key) : k.equals(key));
  }
}

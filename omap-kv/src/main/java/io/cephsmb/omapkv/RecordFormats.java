package io.cephsmb.omapkv;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Decodes stored values for people: finds the {@link RecordFormat} of a key, unwraps the envelope
 * and turns the record into a tree of maps, lists, strings, numbers and booleans (for JSON or
 * text). A value no format knows, or one that fails to decode, is described as such; nothing here
 * throws on bad data.
 */
public final class RecordFormats {
  private final List<RecordFormat> formats;

  public RecordFormats(List<RecordFormat> formats) {
    this.formats = List.copyOf(formats);
  }

  /** Every format on the class path. */
  public static RecordFormats load() {
    List<RecordFormat> found = new ArrayList<>();
    ServiceLoader.load(RecordFormat.Provider.class).forEach(p -> found.addAll(p.formats()));
    return new RecordFormats(found);
  }

  /**
   * The decoded value: {@code {type, version, seqnum, value}} for a known record, {@code {type:
   * "unknown", hex}} for an unknown key, {@code {type, error, hex}} for a record that failed.
   */
  public Map<String, Object> describe(String oid, String key, Bytes raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    RecordFormat f = null;
    for (RecordFormat c : formats) {
      if (c.matches(oid, key)) {
        f = c;
        break;
      }
    }
    if (f == null) {
      out.put("type", "unknown");
      out.put("hex", raw.hex());
      return out;
    }
    out.put("type", f.codec().type());
    try {
      Records.Versioned<?> v = Records.decode(f.codec(), raw);
      out.put("version", v.version());
      out.put("seqnum", v.seqnum());
      out.put("value", f.display().apply(v.value()));
    } catch (KvException e) {
      out.put("error", e.getMessage());
      out.put("hex", raw.hex());
    }
    return out;
  }

  /** A record (or value) as maps, lists and scalars. */
  public static Object tree(Object o) {
    if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean) {
      return o;
    }
    if (o instanceof Enum<?> e) {
      return e.name();
    }
    if (o instanceof Bytes b) {
      return b.hex();
    }
    if (o instanceof byte[] b) {
      return Bytes.of(b).hex();
    }
    if (o instanceof Collection<?> c) {
      List<Object> l = new ArrayList<>();
      c.forEach(x -> l.add(tree(x)));
      return l;
    }
    if (o instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), tree(v)));
      return out;
    }
    if (o.getClass().isRecord()) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (RecordComponent rc : o.getClass().getRecordComponents()) {
        try {
          out.put(rc.getName(), tree(rc.getAccessor().invoke(o)));
        } catch (ReflectiveOperationException e) {
          out.put(rc.getName(), "<" + e + ">");
        }
      }
      return out;
    }
    return o.toString();
  }
}

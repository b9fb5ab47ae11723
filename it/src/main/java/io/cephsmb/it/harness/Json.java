package io.cephsmb.it.harness;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/** A small JSON writer for the harness' reports: maps, collections, strings, numbers, booleans. */
public final class Json {
  private Json() {}

  /** Serialises a value (Map keys as strings), indented by two spaces. */
  public static String write(Object value) {
    StringBuilder b = new StringBuilder();
    write(b, value, 0);
    return b.append('\n').toString();
  }

  private static void write(StringBuilder b, Object v, int depth) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String) {
      string(b, (String) v);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        b.append("null");
      } else {
        b.append(
            String.format(Locale.ROOT, "%.6g", d)
                .replaceAll("(\\.\\d*?)0+(e|$)", "$1$2")
                .replace(".e", "e")
                .replaceAll("\\.$", ""));
      }
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof Map) {
      Map<?, ?> m = (Map<?, ?>) v;
      if (m.isEmpty()) {
        b.append("{}");
        return;
      }
      b.append("{\n");
      int i = 0;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        indent(b, depth + 1);
        string(b, String.valueOf(e.getKey()));
        b.append(": ");
        write(b, e.getValue(), depth + 1);
        b.append(++i < m.size() ? ",\n" : "\n");
      }
      indent(b, depth);
      b.append('}');
    } else if (v instanceof Collection) {
      Collection<?> c = (Collection<?>) v;
      if (c.isEmpty()) {
        b.append("[]");
        return;
      }
      b.append("[\n");
      int i = 0;
      for (Object o : c) {
        indent(b, depth + 1);
        write(b, o, depth + 1);
        b.append(++i < c.size() ? ",\n" : "\n");
      }
      indent(b, depth);
      b.append(']');
    } else {
      string(b, v.toString());
    }
  }

  private static void indent(StringBuilder b, int depth) {
    b.append("  ".repeat(depth));
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20) {
            b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    b.append('"');
  }
}

package io.cephsmb.gateway.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a test-vector resource: {@code name: hex} lines, continuation lines indented, {@code #}
 * comments. A missing resource or name fails the test.
 */
public final class TestVectors {
  private final String resource;
  private final Map<String, byte[]> values;

  private TestVectors(String resource, Map<String, byte[]> values) {
    this.resource = resource;
    this.values = values;
  }

  /** Loads a resource relative to {@code anchor}'s package. */
  public static TestVectors load(Class<?> anchor, String name) {
    Map<String, StringBuilder> hex = new LinkedHashMap<>();
    try (InputStream in = anchor.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String current = null;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (Character.isWhitespace(line.charAt(0))) {
          if (current == null) {
            throw new IllegalStateException("continuation line without a name in " + name);
          }
          hex.get(current).append(line.replaceAll("\\s", ""));
        } else {
          int colon = line.indexOf(':');
          current = line.substring(0, colon).strip();
          hex.put(current, new StringBuilder(line.substring(colon + 1).replaceAll("\\s", "")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, byte[]> values = new LinkedHashMap<>();
    hex.forEach(
        (k, v) ->
            values.put(
                k, HexFormat.of().parseHex(v.toString().toLowerCase(java.util.Locale.ROOT))));
    return new TestVectors(name, values);
  }

  /** The bytes of a named value. */
  public byte[] get(String name) {
    byte[] v = values.get(name);
    if (v == null) {
      throw new IllegalStateException("no value " + name + " in " + resource);
    }
    return v.clone();
  }

  /** Parses hex (any case, spaces allowed). */
  public static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", "").toLowerCase(java.util.Locale.ROOT));
  }
}

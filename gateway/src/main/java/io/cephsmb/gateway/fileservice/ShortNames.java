package io.cephsmb.gateway.fileservice;

import java.util.Locale;

/**
 * 8.3 names for FileAlternateNameInformation ([MS-FSCC] 2.4.5, 2.1.5.2.1): the gateway keeps none,
 * so the short name is computed from the long one: a name that is already a valid 8.3 name is its
 * own short name (upper-cased); any other becomes up to five legal characters of the base, {@code
 * ~}, two characters from a hash of the whole name, and up to three legal characters of the
 * extension (Samba's mangling scheme in spirit). Not guaranteed unique within a directory.
 */
final class ShortNames {
  private static final String LEGAL_PUNCT = "!#$%&'()-@^_`{}~";
  private static final String HASH = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private ShortNames() {}

  /** The 8.3 name of a long name. */
  static String of(String name) {
    if (is83(name)) {
      return name.toUpperCase(Locale.ROOT);
    }
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    String ext = dot > 0 ? name.substring(dot + 1) : "";
    String b = legal(base, 5);
    String e = legal(ext, 3);
    if (b.isEmpty()) {
      b = "_";
    }
    int h = name.hashCode() & 0x7fffffff;
    String mangled = b + "~" + HASH.charAt(h % 36) + HASH.charAt((h / 36) % 36);
    return e.isEmpty() ? mangled : mangled + "." + e;
  }

  private static String legal(String s, int max) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = Character.toUpperCase(s.charAt(i));
      if (legal(c)) {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static boolean legal(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || LEGAL_PUNCT.indexOf(c) >= 0;
  }

  /** Whether {@code name} is a valid 8.3 name (either case). */
  static boolean is83(String name) {
    if (name.equals(".") || name.equals("..")) {
      return true;
    }
    int dot = name.indexOf('.');
    String base = dot >= 0 ? name.substring(0, dot) : name;
    String ext = dot >= 0 ? name.substring(dot + 1) : "";
    if (base.isEmpty() || base.length() > 8 || ext.length() > 3 || ext.indexOf('.') >= 0) {
      return false;
    }
    if (dot >= 0 && ext.isEmpty()) {
      return false;
    }
    for (char c : (base + ext).toCharArray()) {
      if (!legal(Character.toUpperCase(c))) {
        return false;
      }
    }
    return true;
  }
}

package io.cephsmb.gateway.fileservice;

/**
 * 8.3 short names ([MS-FSCC] 2.1.5.2.1 8.3 Filename; [MS-FSA] 2.1.5.11.1
 * FileAlternateNameInformation) computed from the long name alone, so every node and every restart
 * gives the same short name without storing anything.
 *
 * <ul>
 *   <li>A name that already is a valid 8.3 name (1 to 8 characters, optionally a period and 1 to 3
 *       characters, no second period, only characters legal in 8.3 names; lower case allowed) has
 *       no separate short name: its short name is itself in upper case, and directory listings
 *       leave ShortName empty for it, as NTFS does.
 *   <li>Any other name is mangled to {@code PPHHHH~H.EXT}: {@code PP} the first two 8.3-legal
 *       characters of the base (the part before the last period; spaces and periods skipped, other
 *       illegal characters as {@code _}, upper case), {@code HHHH~H} five base-36 digits of a
 *       32-bit FNV-1a hash of the whole long name folded to upper case (so the short name does not
 *       depend on the long name's case), {@code .EXT} the first three 8.3-legal characters after
 *       the last period (none if there are none). With fewer than two prefix characters the hash
 *       fills their place.
 * </ul>
 *
 * <p>The price of statelessness: two long names of one directory can mangle to the same short name
 * (about one pair in 60 million among names with the same two-character prefix); opening by that
 * short name then opens the first of them in code-point order. Windows would number them ({@code
 * ~1}, {@code ~2}), which needs a stored table.
 */
final class ShortNames {
  private static final String LEGAL_PUNCT = "!#$%&'()-@^_`{}~";
  private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private ShortNames() {}

  /** The name folded as Windows compares names: each UTF-16 unit to upper case. */
  static String fold(String name) {
    char[] c = name.toCharArray();
    for (int i = 0; i < c.length; i++) {
      c[i] = Character.toUpperCase(c[i]);
    }
    return new String(c);
  }

  private static boolean legal(char upper) {
    return (upper >= 'A' && upper <= 'Z')
        || (upper >= '0' && upper <= '9')
        || LEGAL_PUNCT.indexOf(upper) >= 0;
  }

  /** Whether {@code name} is a valid 8.3 name as it is (any case). */
  static boolean is83(String name) {
    int dot = name.indexOf('.');
    String base = dot < 0 ? name : name.substring(0, dot);
    String ext = dot < 0 ? "" : name.substring(dot + 1);
    if (base.isEmpty() || base.length() > 8 || ext.length() > 3) {
      return false;
    }
    if (dot >= 0 && ext.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = Character.toUpperCase(name.charAt(i));
      if (i != dot && (c > 0x7f || !legal(c))) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code name} can be a mangled short name ({@link #of} of some other name). */
  static boolean looksMangled(String name) {
    return is83(name) && name.indexOf('~') >= 0;
  }

  /** The short name of {@code longName} (upper case). */
  static String of(String longName) {
    if (is83(longName)) {
      return fold(longName);
    }
    int lastDot = longName.lastIndexOf('.');
    String base = lastDot > 0 ? longName.substring(0, lastDot) : longName;
    String ext = lastDot > 0 ? longName.substring(lastDot + 1) : "";
    StringBuilder prefix = new StringBuilder(2);
    for (int i = 0; i < base.length() && prefix.length() < 2; i++) {
      char c = Character.toUpperCase(base.charAt(i));
      if (c == ' ' || c == '.') {
        continue;
      }
      prefix.append(c <= 0x7f && legal(c) ? c : '_');
    }
    StringBuilder e = new StringBuilder(3);
    for (int i = 0; i < ext.length() && e.length() < 3; i++) {
      char c = Character.toUpperCase(ext.charAt(i));
      if (c == ' ' || c == '.') {
        continue;
      }
      e.append(c <= 0x7f && legal(c) ? c : '_');
    }
    long h = hash(fold(longName)) & 0xffffffffL;
    char[] digits = new char[7 - prefix.length()];
    for (int i = 0; i < digits.length; i++) {
      digits[i] = DIGITS.charAt((int) (h % 36));
      h /= 36;
    }
    StringBuilder out = new StringBuilder(12).append(prefix);
    for (int i = 0; i < digits.length - 1; i++) {
      out.append(digits[i]);
    }
    out.append('~').append(digits[digits.length - 1]);
    if (e.length() > 0) {
      out.append('.').append(e);
    }
    return out.toString();
  }

  /** The short name to show in a directory listing: empty for a name that is 8.3 already. */
  static String forListing(String longName) {
    return is83(longName) ? "" : of(longName);
  }

  /** 32-bit FNV-1a over the UTF-16LE code units. */
  private static int hash(String s) {
    int h = 0x811c9dc5;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      h ^= c & 0xff;
      h *= 0x01000193;
      h ^= c >>> 8;
      h *= 0x01000193;
    }
    return h;
  }
}

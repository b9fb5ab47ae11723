package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.server.Smb2StatusException;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE and rename names to {@link VfsPath}s. The rules, after Windows and Samba:
 *
 * <ul>
 *   <li>a leading {@code \} is STATUS_INVALID_PARAMETER ([MS-SMB2] 3.3.5.9); one trailing {@code \}
 *       is dropped;
 *   <li>{@code .} components are dropped and {@code ..} removes the previous component; a {@code
 *       ..} that would leave the share is STATUS_OBJECT_PATH_SYNTAX_BAD (Samba's
 *       check_path_syntax), so nothing can name a path outside the share root;
 *   <li>empty components, control characters and {@code " * / : < > ? |} in a name ([MS-FSCC]
 *       2.1.5.2) are STATUS_OBJECT_NAME_INVALID, as are names {@link VfsPath} refuses (too long,
 *       not valid Unicode);
 *   <li>a stream suffix: {@code ::$DATA} is the file itself, any other stream is
 *       STATUS_OBJECT_NAME_NOT_FOUND (alternate data streams are not supported yet).
 * </ul>
 */
final class Names {
  private static final String INVALID = "\"*/:<>?|";

  private Names() {}

  /** The path of {@code name}, or a {@link Smb2StatusException}. */
  static VfsPath parse(String name) {
    if (name.startsWith("\\")) {
      throw fail(NtStatus.INVALID_PARAMETER, name);
    }
    int colon = name.indexOf(':');
    if (colon >= 0) {
      String stream = name.substring(colon);
      name = name.substring(0, colon);
      if (!stream.equalsIgnoreCase("::$DATA") && !stream.equalsIgnoreCase(":$DATA")) {
        if (stream.length() < 2 || stream.indexOf('\\') >= 0) {
          throw fail(NtStatus.OBJECT_NAME_INVALID, name);
        }
        throw fail(NtStatus.OBJECT_NAME_NOT_FOUND, name);
      }
    }
    if (name.endsWith("\\")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty()) {
      return VfsPath.root();
    }
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= name.length(); i++) {
      if (i == name.length() || name.charAt(i) == '\\') {
        String c = name.substring(start, i);
        start = i + 1;
        if (c.isEmpty()) {
          throw fail(NtStatus.OBJECT_NAME_INVALID, name);
        }
        if (c.equals(".")) {
          continue;
        }
        if (c.equals("..")) {
          if (parts.isEmpty()) {
            throw fail(NtStatus.OBJECT_PATH_SYNTAX_BAD, name);
          }
          parts.remove(parts.size() - 1);
          continue;
        }
        for (int k = 0; k < c.length(); k++) {
          char ch = c.charAt(k);
          if (ch < 0x20 || INVALID.indexOf(ch) >= 0) {
            throw fail(NtStatus.OBJECT_NAME_INVALID, name);
          }
        }
        parts.add(c);
      }
    }
    try {
      return VfsPath.of(parts);
    } catch (VfsException e) {
      throw fail(NtStatus.OBJECT_NAME_INVALID, name);
    }
  }

  /** The name as SMB shows it from the share root: {@code \dir\file} ({@code \} for the root). */
  static String smbName(VfsPath p) {
    return "\\" + String.join("\\", p.components());
  }

  private static Smb2StatusException fail(NtStatus s, String name) {
    return new Smb2StatusException(s, "bad name: " + name);
  }
}

package io.cephsmb.vfs;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A path relative to a share root: a list of validated name components. This is the VFS's
 * share-root confinement: a {@code VfsPath} cannot name anything outside the root, because no
 * component may be empty, {@code "."} or {@code ".."}, or contain NUL, {@code '/'} or {@code '\'};
 * a component is at most {@value #MAX_COMPONENT_BYTES} bytes of UTF-8 (unpaired surrogates are
 * refused) and the whole path, joined with {@code '/'}, at most {@value #MAX_PATH_BYTES} bytes. The
 * empty path is the share root. Symbolic links are the other half of confinement; the
 * implementations refuse them (see {@link Vfs}).
 *
 * <p>Errors: a bad component is {@code EINVAL}; a component or path over its limit is {@code
 * ENAMETOOLONG}.
 */
public final class VfsPath {
  /** NAME_MAX of CephFS and of Linux local file systems. */
  public static final int MAX_COMPONENT_BYTES = 255;

  /** PATH_MAX less the terminating NUL, for the share-relative part. */
  public static final int MAX_PATH_BYTES = 4095;

  private static final VfsPath ROOT = new VfsPath(List.of(), 0);

  private final List<String> components;
  private final int encodedLength;

  private VfsPath(List<String> components, int encodedLength) {
    this.components = components;
    this.encodedLength = encodedLength;
  }

  /** The share root. */
  public static VfsPath root() {
    return ROOT;
  }

  /** A path from its components, each validated. */
  public static VfsPath of(String... components) throws VfsException {
    return of(List.of(components));
  }

  /** A path from its components, each validated. */
  public static VfsPath of(List<String> components) throws VfsException {
    List<String> copy = new ArrayList<>(components.size());
    int total = 0;
    for (String c : components) {
      total += (copy.isEmpty() ? 0 : 1) + checkComponent(c, String.join("/", components));
      copy.add(c);
    }
    if (total > MAX_PATH_BYTES) {
      throw new VfsException(
          Errno.ENAMETOOLONG, abbreviate(String.join("/", components)), "path over 4095 bytes");
    }
    return copy.isEmpty() ? ROOT : new VfsPath(List.copyOf(copy), total);
  }

  /**
   * Parses an SMB2 path ({@code dir\sub\name}; the empty string is the root). A leading {@code '\'}
   * (an absolute path), a doubled or trailing separator and {@code '/'} inside a name are refused
   * with {@code EINVAL}.
   */
  public static VfsPath parseSmb(String smbPath) throws VfsException {
    if (smbPath.isEmpty()) {
      return ROOT;
    }
    if (smbPath.charAt(0) == '\\') {
      throw new VfsException(Errno.EINVAL, abbreviate(smbPath), "absolute path");
    }
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= smbPath.length(); i++) {
      if (i == smbPath.length() || smbPath.charAt(i) == '\\') {
        parts.add(smbPath.substring(start, i));
        start = i + 1;
      }
    }
    return of(parts);
  }

  /** Returns the UTF-8 length of {@code c} after validating it. */
  private static int checkComponent(String c, String whole) throws VfsException {
    if (c == null || c.isEmpty()) {
      throw new VfsException(Errno.EINVAL, abbreviate(whole), "empty name component");
    }
    if (c.equals(".") || c.equals("..")) {
      throw new VfsException(Errno.EINVAL, abbreviate(whole), "'" + c + "' component");
    }
    for (int i = 0; i < c.length(); i++) {
      char ch = c.charAt(i);
      if (ch == 0 || ch == '/' || ch == '\\') {
        throw new VfsException(
            Errno.EINVAL,
            abbreviate(whole),
            ch == 0 ? "NUL in a name" : "separator '" + ch + "' in a name");
      }
    }
    int bytes = utf8Length(c, whole);
    if (bytes > MAX_COMPONENT_BYTES) {
      throw new VfsException(
          Errno.ENAMETOOLONG, abbreviate(whole), "name of " + bytes + " bytes (max 255)");
    }
    return bytes;
  }

  private static int utf8Length(String c, String whole) throws VfsException {
    CharsetEncoder enc =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      ByteBuffer b = enc.encode(CharBuffer.wrap(c));
      return b.remaining();
    } catch (CharacterCodingException e) {
      throw new VfsException(Errno.EINVAL, abbreviate(whole), "name is not valid Unicode");
    }
  }

  private static String abbreviate(String s) {
    String clean = s.replace('\0', '?');
    return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
  }

  public List<String> components() {
    return components;
  }

  public boolean isRoot() {
    return components.isEmpty();
  }

  /** The number of components (0 for the root). */
  public int depth() {
    return components.size();
  }

  /** The last component; the root has none. */
  public String name() {
    if (components.isEmpty()) {
      throw new IllegalStateException("the root has no name");
    }
    return components.get(components.size() - 1);
  }

  /** The parent directory; the root is its own parent. */
  public VfsPath parent() {
    if (components.size() <= 1) {
      return ROOT;
    }
    List<String> p = components.subList(0, components.size() - 1);
    return new VfsPath(List.copyOf(p), encodedLength - 1 - bytesOf(name()));
  }

  /** The first {@code n} components. */
  public VfsPath prefix(int n) {
    if (n == components.size()) {
      return this;
    }
    if (n == 0) {
      return ROOT;
    }
    List<String> p = List.copyOf(components.subList(0, n));
    return new VfsPath(p, String.join("/", p).getBytes(StandardCharsets.UTF_8).length);
  }

  /** This path with {@code name} appended (validated). */
  public VfsPath resolve(String name) throws VfsException {
    List<String> c = new ArrayList<>(components);
    c.add(name);
    return of(c);
  }

  /** Whether {@code other} is this path or below it. */
  public boolean isPrefixOf(VfsPath other) {
    return other.components.size() >= components.size()
        && other.components.subList(0, components.size()).equals(components);
  }

  private static int bytesOf(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** The UTF-8 length of {@link #toString()}. */
  public int encodedLength() {
    return encodedLength;
  }

  /** The components joined with {@code '/'}; {@code ""} for the root. */
  @Override
  public String toString() {
    return String.join("/", components);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VfsPath p && p.components.equals(components);
  }

  @Override
  public int hashCode() {
    return components.hashCode();
  }
}

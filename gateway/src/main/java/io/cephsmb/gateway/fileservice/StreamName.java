package io.cephsmb.gateway.fileservice;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.server.Smb2StatusException;
import io.cephsmb.vfs.VfsPath;

/**
 * A CREATE or rename name split into the file and the stream ([MS-FSCC] 2.1.5.3 {@code
 * <filename>:<stream name>:<stream type>}).
 *
 * @param path the file (or directory)
 * @param stream null when the name has no stream part, "" for the default data stream named
 *     explicitly ({@code ::$DATA}), else the stream name as given
 */
record StreamName(VfsPath path, String stream) {
  /** Longest stream name, in UTF-16 code units (as a file name). */
  static final int MAX_STREAM_NAME = 255;

  /** Whether a named (non-default) stream is meant. */
  boolean named() {
    return stream != null && !stream.isEmpty();
  }

  /**
   * Parses a CREATE name. The file part follows {@link Names#parse}; the stream part may hold any
   * character but NUL, {@code \}, {@code /} and {@code :} (smbtorture smb2.streams.names2), the
   * type must be {@code $DATA} (any case); {@code file:} and {@code file:name:} are
   * STATUS_OBJECT_NAME_INVALID, as are other types. The hidden stream directory cannot be named
   * (STATUS_ACCESS_DENIED).
   */
  static StreamName parse(String name) {
    int colon = name.indexOf(':');
    String base = colon < 0 ? name : name.substring(0, colon);
    if (name.startsWith("\\")) {
      throw fail(NtStatus.INVALID_PARAMETER, name);
    }
    String stream = colon < 0 ? null : stream(name.substring(colon + 1), name);
    VfsPath path = Names.parse(base);
    if (Streams.reserved(path)) {
      throw fail(NtStatus.ACCESS_DENIED, name);
    }
    return new StreamName(path, stream);
  }

  /**
   * The stream of a rename target that starts with {@code :} ({@code :name}, {@code :name:$DATA},
   * {@code ::$DATA}).
   */
  static String parseStreamOnly(String target) {
    if (!target.startsWith(":")) {
      throw fail(NtStatus.INVALID_PARAMETER, target);
    }
    return stream(target.substring(1), target);
  }

  /** The stream name of {@code rest} (what follows the first colon). */
  private static String stream(String rest, String whole) {
    int colon = rest.indexOf(':');
    String sname = colon < 0 ? rest : rest.substring(0, colon);
    String type = colon < 0 ? null : rest.substring(colon + 1);
    if (type != null && !type.equalsIgnoreCase("$DATA")) {
      throw fail(NtStatus.OBJECT_NAME_INVALID, whole);
    }
    if (sname.isEmpty()) {
      if (type == null) {
        throw fail(NtStatus.OBJECT_NAME_INVALID, whole);
      }
      return "";
    }
    if (sname.length() > MAX_STREAM_NAME) {
      throw fail(NtStatus.OBJECT_NAME_INVALID, whole);
    }
    for (int i = 0; i < sname.length(); i++) {
      char c = sname.charAt(i);
      if (c == 0 || c == '\\' || c == '/') {
        throw fail(NtStatus.OBJECT_NAME_INVALID, whole);
      }
    }
    return sname;
  }

  private static Smb2StatusException fail(NtStatus s, String name) {
    return new Smb2StatusException(s, "bad name: " + name);
  }
}

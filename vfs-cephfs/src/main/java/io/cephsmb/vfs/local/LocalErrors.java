package io.cephsmb.vfs.local;

import io.cephsmb.vfs.Errno;
import io.cephsmb.vfs.VfsException;
import io.cephsmb.vfs.VfsPath;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * java.nio exceptions back to the errno they came from: by exception class, and for a plain {@link
 * FileSystemException} by its reason, which the JDK fills with {@code strerror(errno)} on Linux.
 */
final class LocalErrors {
  private static final Map<String, Integer> STRERROR = strerror();

  private LocalErrors() {}

  private static Map<String, Integer> strerror() {
    Map<String, Integer> m = new LinkedHashMap<>();
    // longer prefixes first
    m.put("Too many open files in system", Errno.ENFILE);
    m.put("Too many open files", Errno.EMFILE);
    m.put("Too many levels of symbolic links", Errno.ELOOP);
    m.put("Too many links", Errno.EMLINK);
    m.put("Operation not permitted", Errno.EPERM);
    m.put("Operation not supported", Errno.EOPNOTSUPP);
    m.put("No such file or directory", Errno.ENOENT);
    m.put("Input/output error", Errno.EIO);
    m.put("Argument list too long", Errno.E2BIG);
    m.put("Bad file descriptor", Errno.EBADF);
    m.put("Permission denied", Errno.EACCES);
    m.put("Device or resource busy", Errno.EBUSY);
    m.put("File exists", Errno.EEXIST);
    m.put("Invalid cross-device link", Errno.EXDEV);
    m.put("Not a directory", Errno.ENOTDIR);
    m.put("Is a directory", Errno.EISDIR);
    m.put("Invalid argument", Errno.EINVAL);
    m.put("File too large", Errno.EFBIG);
    m.put("No space left on device", Errno.ENOSPC);
    m.put("Read-only file system", Errno.EROFS);
    m.put("Numerical result out of range", Errno.ERANGE);
    m.put("File name too long", Errno.ENAMETOOLONG);
    m.put("Directory not empty", Errno.ENOTEMPTY);
    m.put("No data available", Errno.ENODATA);
    m.put("Disk quota exceeded", Errno.EDQUOT);
    return m;
  }

  static int errno(IOException e) {
    if (e instanceof NoSuchFileException) {
      return Errno.ENOENT;
    }
    if (e instanceof FileAlreadyExistsException) {
      return Errno.EEXIST;
    }
    if (e instanceof DirectoryNotEmptyException) {
      return Errno.ENOTEMPTY;
    }
    if (e instanceof NotDirectoryException) {
      return Errno.ENOTDIR;
    }
    if (e instanceof NotLinkException) {
      return Errno.EINVAL;
    }
    if (e instanceof FileSystemLoopException) {
      return Errno.ELOOP;
    }
    if (e instanceof AtomicMoveNotSupportedException) {
      return Errno.EXDEV;
    }
    if (e instanceof ClosedChannelException) {
      return Errno.EBADF;
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      for (Map.Entry<String, Integer> s : STRERROR.entrySet()) {
        if (fse.getReason().contains(s.getKey())) {
          return s.getValue();
        }
      }
    }
    if (e instanceof AccessDeniedException) {
      return Errno.EACCES;
    }
    return Errno.EIO;
  }

  static VfsException of(IOException e, VfsPath p, String op) {
    return new VfsException(errno(e), p, op + ": " + e);
  }
}

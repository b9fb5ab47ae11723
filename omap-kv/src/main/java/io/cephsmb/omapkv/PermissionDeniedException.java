package io.cephsmb.omapkv;

/** cephx denied the operation (EPERM, EACCES). */
public class PermissionDeniedException extends KvException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(int errno, String message) {
    super(errno, message);
  }
}

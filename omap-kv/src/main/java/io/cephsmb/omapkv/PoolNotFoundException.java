package io.cephsmb.omapkv;

/** The pool does not exist (ENOENT at pool lookup). */
public class PoolNotFoundException extends KvException {
  private static final long serialVersionUID = 1L;

  public PoolNotFoundException(int errno, String message) {
    super(errno, message);
  }
}

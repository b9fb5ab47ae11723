package io.cephsmb.omapkv;

/**
 * librados rejected an argument (EINVAL), or the twin does not emulate the requested class method
 * (EOPNOTSUPP).
 */
public class InvalidArgumentException extends KvException {
  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(int errno, String message) {
    super(errno, message);
  }
}

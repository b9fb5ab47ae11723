package io.cephsmb.omapkv;

/** The object does not exist (ENOENT). */
public class ObjectNotFoundException extends KvException {
  private static final long serialVersionUID = 1L;

  public ObjectNotFoundException(int errno, String message) {
    super(errno, message);
  }
}

package io.cephsmb.omapkv;

/** A stored record is not a well-formed envelope (bad magic, truncated, checksum mismatch). */
public class CorruptRecordException extends KvException {
  private static final long serialVersionUID = 1L;

  public CorruptRecordException(String message) {
    super(Errno.EIO, message);
  }
}

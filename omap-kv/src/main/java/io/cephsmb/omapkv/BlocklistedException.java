package io.cephsmb.omapkv;

/**
 * This client has been blocklisted (fenced): it may not write any more (ESHUTDOWN, Ceph's
 * EBLOCKLISTED).
 */
public class BlocklistedException extends KvException {
  private static final long serialVersionUID = 1L;

  public BlocklistedException(int errno, String message) {
    super(errno, message);
  }
}

package io.cephsmb.radoslock;

import io.cephsmb.omapkv.Errno;
import io.cephsmb.omapkv.KvException;

/**
 * This node incarnation has been fenced: the leader marked it DOWN (and blocklisted its RADOS
 * client), or it left. It must stop serving; it may rejoin only as a new incarnation with a new
 * RADOS client.
 */
public class FencedException extends KvException {
  private static final long serialVersionUID = 1L;

  public FencedException(String message) {
    super(Errno.ESHUTDOWN, message);
  }
}

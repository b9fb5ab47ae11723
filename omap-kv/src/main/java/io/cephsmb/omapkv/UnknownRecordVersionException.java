package io.cephsmb.omapkv;

/**
 * A record was written in a body format newer than this reader knows: it is rejected, not misread.
 * Upgrade the reader (or keep writing the old format until every node is upgraded).
 */
public class UnknownRecordVersionException extends KvException {
  private static final long serialVersionUID = 1L;

  private final int version;
  private final int known;

  public UnknownRecordVersionException(String type, int version, int known) {
    super(
        Errno.EINVAL,
        type + " record has body format " + version + "; this reader knows up to " + known);
    this.version = version;
    this.known = known;
  }

  /** The record's body format. */
  public int version() {
    return version;
  }

  /** The newest body format this reader knows. */
  public int known() {
    return known;
  }
}

package io.cephsmb.radoslock;

/**
 * A node's state in the cluster-state object; only the leader moves a node out of UP. The codes are
 * persisted: never renumber them.
 */
public enum NodeStatus {
  /** Joined and heartbeating. */
  UP(1),
  /** The leader saw no heartbeat for a while; not yet fenced. */
  SUSPECT(2),
  /** Fenced by the leader (its RADOS client blocklisted); its state may be taken over. */
  DOWN(3),
  /** Left the cluster cleanly. */
  LEFT(4);

  private final int code;

  NodeStatus(int code) {
    this.code = code;
  }

  /** The persisted code. */
  public int code() {
    return code;
  }

  /** The status with a persisted code, or null if unknown. */
  public static NodeStatus fromCode(int code) {
    for (NodeStatus s : values()) {
      if (s.code == code) {
        return s;
      }
    }
    return null;
  }
}

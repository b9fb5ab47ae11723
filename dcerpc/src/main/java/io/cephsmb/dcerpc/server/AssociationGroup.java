package io.cephsmb.dcerpc.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * [MS-RPCE] 3.3.1.3 an association group: the connections a client binds with the same
 * assoc_group_id, and the state they share (context handles) in {@link #attributes()}.
 */
public final class AssociationGroup {
  private final int id;
  private final ConcurrentMap<Object, Object> attributes = new ConcurrentHashMap<>();
  private int connections;

  AssociationGroup(int id) {
    this.id = id;
  }

  /** The assoc_group_id. */
  public int id() {
    return id;
  }

  /** State shared by the group's connections. */
  public ConcurrentMap<Object, Object> attributes() {
    return attributes;
  }

  /** Number of connections in the group (for tests and metrics). */
  public synchronized int connections() {
    return connections;
  }

  synchronized void join() {
    connections++;
  }

  synchronized boolean leave() {
    return --connections == 0;
  }
}

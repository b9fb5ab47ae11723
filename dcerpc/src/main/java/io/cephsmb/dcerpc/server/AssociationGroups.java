package io.cephsmb.dcerpc.server;

import java.util.HashMap;
import java.util.Map;

/**
 * Allocates assoc_group_ids and finds a group again when a client's second connection binds with
 * its id; a group disappears with its last connection.
 */
public final class AssociationGroups {
  private final Map<Integer, AssociationGroup> groups = new HashMap<>();
  private int next = 0x1234;

  /** A new group with a fresh non-zero id, joined once. */
  public synchronized AssociationGroup create() {
    int id;
    do {
      id = next;
      next = next == Integer.MAX_VALUE ? 1 : next + 1;
    } while (id == 0 || groups.containsKey(id));
    AssociationGroup g = new AssociationGroup(id);
    groups.put(id, g);
    g.join();
    return g;
  }

  /** Joins the group with {@code id}, or returns null if there is none. */
  public synchronized AssociationGroup join(int id) {
    AssociationGroup g = groups.get(id);
    if (g != null) {
      g.join();
    }
    return g;
  }

  /** Leaves {@code group}; removes it when its last connection leaves. */
  public synchronized void leave(AssociationGroup group) {
    if (group.leave()) {
      groups.remove(group.id());
    }
  }

  /** The group with {@code id}, if any. */
  public synchronized AssociationGroup find(int id) {
    return groups.get(id);
  }
}

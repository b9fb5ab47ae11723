package io.cephsmb.it.harness;

import java.time.Duration;
import java.util.List;

/** The local unix account Samba's tdbsam needs behind an SMB user; created idempotently. */
public final class UnixUser {
  private UnixUser() {}

  /** A user's uid and gid. */
  public record Ids(int uid, int gid) {}

  /**
   * Returns the ids of {@code name}, creating a system user without home or shell first if it does
   * not exist (needs root).
   */
  public static Ids ensure(String name) {
    Ids ids = lookup(name);
    if (ids != null) {
      return ids;
    }
    Exec.Result r =
        Exec.run(
            List.of(
                "useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name),
            Duration.ofSeconds(30));
    ids = lookup(name);
    if (ids == null) {
      throw new TargetUnavailableException(
          "cannot create the local user " + name + " (running as root?):\n" + r.describe());
    }
    return ids;
  }

  /** The ids of an existing user, or null. */
  public static Ids lookup(String name) {
    Exec.Result u = Exec.run(List.of("id", "-u", name), Duration.ofSeconds(10));
    Exec.Result g = Exec.run(List.of("id", "-g", name), Duration.ofSeconds(10));
    if (!u.ok() || !g.ok()) {
      return null;
    }
    return new Ids(Integer.parseInt(u.stdout().trim()), Integer.parseInt(g.stdout().trim()));
  }
}

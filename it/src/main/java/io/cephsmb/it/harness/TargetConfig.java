package io.cephsmb.it.harness;

import java.nio.file.Path;

/**
 * What every target is given: the Ceph cluster (ceph.conf, cephx id, CephFS name), the share (name
 * and directory inside CephFS) and the one SMB user both servers accept.
 */
public record TargetConfig(
    Path cephConf,
    String cephId,
    String fsName,
    String shareName,
    String sharePath,
    String user,
    String password) {

  /** The user and password both targets are given unless told otherwise. */
  public static final String DEFAULT_USER = "cephsmb-harness";

  public static final String DEFAULT_PASSWORD = "Harness-Pass-7";

  /** The same target config with another share directory (each target gets its own). */
  public TargetConfig withSharePath(String path) {
    return new TargetConfig(cephConf, cephId, fsName, shareName, path, user, password);
  }
}

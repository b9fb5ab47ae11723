package io.cephsmb.gateway.cli;

import io.cephsmb.omapkv.RadosClient;
import io.cephsmb.omapkv.rados.LibradosClient;
import java.nio.file.Path;
import java.nio.file.Paths;
import picocli.CommandLine.Option;

/** Where the state lives: ceph.conf, cephx id, pool and namespace. */
final class ClusterOptions {
  @Option(
      names = "--conf",
      description = "ceph.conf (default: $CEPH_CONF, else /etc/ceph/ceph.conf)")
  Path conf;

  @Option(names = "--id", defaultValue = "admin", description = "cephx client id (default: admin)")
  String id;

  @Option(names = "--pool", defaultValue = ".smb", description = "state pool (default: .smb)")
  String pool;

  @Option(
      names = "--namespace",
      defaultValue = "",
      description = "RADOS namespace of the gateway cluster (default: none)")
  String namespace;

  Path confPath() {
    if (conf != null) {
      return conf;
    }
    String env = System.getenv("CEPH_CONF");
    return Paths.get(env != null && !env.isBlank() ? env : "/etc/ceph/ceph.conf");
  }

  RadosClient connect() {
    return LibradosClient.connect(confPath(), id);
  }
}

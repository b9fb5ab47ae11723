package io.cephsmb.gateway.cli;

import io.cephsmb.omapkv.KvException;
import io.cephsmb.omapkv.KvStore;
import io.cephsmb.omapkv.ObjectStore;
import io.cephsmb.omapkv.RadosClient;
import java.io.PrintWriter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A command that works on the state in RADOS: connection options, --json, error handling. */
abstract class ClusterCommand {
  @Mixin ClusterOptions cluster;

  @Option(names = "--json", description = "print JSON instead of text")
  boolean json;

  @Spec CommandSpec spec;

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Something to do with an open store. */
  interface StoreBody {
    void run(ObjectStore store, KvStore kv);
  }

  /** Runs {@code body} with a connected store; a state error becomes a message and exit 1. */
  int withStore(StoreBody body) {
    try (RadosClient c = cluster.connect()) {
      ObjectStore store = c.store(cluster.pool, cluster.namespace);
      body.run(store, new KvStore(store));
      out().flush();
      return 0;
    } catch (KvException e) {
      spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
  }
}

package io.cephsmb.gateway.cli;

import io.cephsmb.gateway.daemon.GatewayNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cephsmb serve}: runs one gateway node until SIGTERM/SIGINT (then it leaves the cluster
 * cleanly) or until the cluster fences it (exit code 3).
 */
@Command(name = "serve", description = "Run a gateway node", mixinStandardHelpOptions = true)
final class ServeCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;

  @Option(names = "--node", description = "this node's name (default: the host name)")
  String node;

  @Option(names = "--listen", defaultValue = "0.0.0.0", description = "SMB listen address")
  String listen;

  @Option(names = "--port", defaultValue = "445", description = "SMB port (default 445)")
  int port;

  @Option(
      names = "--epmapper-port",
      defaultValue = "135",
      description = "DCE/RPC endpoint mapper port (default 135; -1: no DCE/RPC over TCP)")
  int epmapperPort;

  @Option(
      names = "--rpc-port",
      defaultValue = "0",
      description = "srvsvc/wkssvc TCP port (default: a free one, published by the epmapper)")
  int rpcPort;

  @Option(
      names = "--fs",
      defaultValue = "cephfs",
      description = "the CephFS file system of the shares (default cephfs)")
  String fsName;

  @Option(
      names = "--local-root",
      description = "serve shares from this local directory instead of CephFS (testing)")
  java.nio.file.Path localRoot;

  @Option(
      names = "--oplock-break-timeout",
      defaultValue = "35",
      description =
          "seconds an oplock or lease break waits for the client's acknowledgment (default 35)")
  int oplockBreakTimeout;

  @Option(
      names = "--no-leasing",
      description = "do not grant leases (SMB2_GLOBAL_CAP_LEASING not announced)")
  boolean noLeasing;

  @Option(
      names = "--no-anonymous",
      description =
          "refuse anonymous (null session) logons; by default they succeed and reach IPC$ only,"
              + " as with Samba's defaults")
  boolean noAnonymous;

  @Override
  public Integer call() throws InterruptedException {
    String nodeId = node != null ? node : hostname();
    GatewayNode g =
        GatewayNode.start(
            new GatewayNode.Bootstrap(
                cluster.confPath(),
                cluster.id,
                cluster.pool,
                cluster.namespace,
                nodeId,
                listen,
                port,
                fsName,
                localRoot,
                epmapperPort,
                rpcPort),
            new GatewayNode.Options(
                java.time.Duration.ofSeconds(Math.max(1, oplockBreakTimeout)),
                !noLeasing,
                !noAnonymous));
    CountDownLatch done = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              g.close();
              done.countDown();
            },
            "cephsmb-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    System.out.println("cephsmb: node " + nodeId + " serving SMB on " + listen + ":" + g.port());
    System.out.flush();
    String reason = g.fenced().join();
    System.err.println("cephsmb: fenced by the cluster: " + reason);
    return 3;
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "gateway";
    }
  }
}

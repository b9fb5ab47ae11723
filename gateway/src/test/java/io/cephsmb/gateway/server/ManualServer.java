package io.cephsmb.gateway.server;

/** Runs a test server in the foreground for manual client experiments. */
final class ManualServer {
  private ManualServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    try (SmbServer s = TestServers.start(b -> b.port(port))) {
      System.out.println("listening on " + s.localAddress());
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}

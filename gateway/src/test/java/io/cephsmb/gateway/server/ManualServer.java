package io.cephsmb.gateway.server;

/**
 * Runs a test server in the foreground for manual experiments with smbclient or smbtorture: {@code
 * ManualServer PORT [sign]}.
 */
final class ManualServer {
  private ManualServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    boolean sign = args.length > 1 && args[1].equals("sign");
    try (SmbServer s =
        TestServers.start(b -> b.port(port).signingRequired(sign).allowAnonymous(true))) {
      System.out.println("listening on " + s.localAddress());
      Thread.sleep(Long.MAX_VALUE);
    }
  }
}

package io.cephsmb.gateway.rpc;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Manual runs: serves the test services (user alice / Secret-42) with the endpoint mapper on the
 * port given as first argument (default 135) until standard input closes.
 */
public final class RpcServicesMain {
  private RpcServicesMain() {}

  public static void main(String[] args) throws Exception {
    ExecutorService lookups = Executors.newSingleThreadExecutor();
    int epm = args.length > 0 ? Integer.parseInt(args[0]) : 135;
    try (RpcServices s = RpcTestServices.start(lookups, epm)) {
      System.out.println("epmapper " + s.epmapperPort() + " services " + s.servicesPort());
      System.out.flush();
      while (System.in.read() >= 0) {
        // until EOF
      }
    } finally {
      lookups.shutdownNow();
    }
  }
}

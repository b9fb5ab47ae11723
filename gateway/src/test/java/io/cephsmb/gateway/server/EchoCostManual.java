package io.cephsmb.gateway.server;

import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2EchoRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;

/**
 * The protocol engine's own cost per ECHO, without sockets: {@code EchoCostManual [N]} runs N
 * unsigned ECHOes (as smb2.bench.echo sends them: no session, one at a time) through the whole
 * pipeline on an EmbeddedChannel and prints nanoseconds and bytes allocated per ECHO.
 */
public final class EchoCostManual {
  private EchoCostManual() {}

  /** Runs the measurement. */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = new Smb2TestClient(s);
      c.negotiate(1);
      byte[] req =
          Smb2TestClient.request(Smb2Command.ECHO, 1, 0, 0, 0, 1, new Smb2EchoRequest()::encode);
      com.sun.management.ThreadMXBean mx =
          (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
      long id = Thread.currentThread().getId();
      long mid = 1;
      for (int round = 0; round < 3; round++) {
        long a0 = mx.getThreadAllocatedBytes(id);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
          ByteBuf b = Unpooled.directBuffer(4 + req.length);
          b.writeInt(req.length).writeBytes(req);
          b.setLongLE(4 + 24, mid++);
          s.channel.writeInbound(b);
          for (Object o = s.channel.readOutbound(); o != null; o = s.channel.readOutbound()) {
            ((ByteBuf) o).release();
          }
        }
        long t1 = System.nanoTime();
        long a1 = mx.getThreadAllocatedBytes(id);
        System.out.printf(
            "round %d: %.0f ns/echo, %.0f bytes allocated/echo, open %s%n",
            round, (t1 - t0) / (double) n, (a1 - a0) / (double) n, s.channel.isOpen());
      }
    }
  }
}

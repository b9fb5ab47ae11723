package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2EchoRequest;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.cephsmb.gateway.mssmb2.Smb2IoctlRequest;
import io.cephsmb.gateway.mssmb2.Smb2LogoffRequest;
import io.cephsmb.gateway.mssmb2.Smb2TreeDisconnectRequest;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Hostile input over real sockets: every case ends in an error status or a closed connection, never
 * a hang or an unexpected exception in the server's log, and the server keeps serving.
 */
class BadInputIT {
  private static SmbServer server;
  private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

  @BeforeAll
  static void start() throws InterruptedException {
    Logger logger = (Logger) LoggerFactory.getLogger("io.cephsmb.gateway.server");
    LOG.start();
    logger.addAppender(LOG);
    server =
        TestServers.start(
            b -> b.idleTimeout(Duration.ofSeconds(2)).authTimeout(Duration.ofSeconds(3)));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    ((Logger) LoggerFactory.getLogger("io.cephsmb.gateway.server")).detachAppender(LOG);
  }

  @AfterEach
  void serverStillServesAndLoggedNothingUnexpected() throws Exception {
    try (SocketTransport t = new SocketTransport(server.port(), 5000)) {
      new Smb2TestClient(t).ready("share");
    }
    List<ILoggingEvent> bad =
        LOG.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    assertTrue(bad.isEmpty(), () -> "unexpected server log: " + bad);
  }

  private static SocketTransport connect() throws Exception {
    return new SocketTransport(server.port(), 6000);
  }

  private static byte[] echo(Smb2TestClient c) {
    return c.request(Smb2Command.ECHO, new Smb2EchoRequest()::encode);
  }

  @Test
  void truncatedFrameThenHalfClose() throws Exception {
    try (SocketTransport t = connect()) {
      t.sendRaw(new byte[] {0, 0, 0, 100, (byte) 0xFE, 'S', 'M', 'B'});
      t.socket.shutdownOutput();
      assertTrue(t.closedByServer());
    }
  }

  @Test
  void lengthPastTheFrameIsClosedByTheIdleTimeout() throws Exception {
    try (SocketTransport t = connect()) {
      byte[] neg =
          Smb2TestClient.request(
              Smb2Command.NEGOTIATE,
              0,
              0,
              0,
              0,
              0,
              b ->
                  new io.cephsmb.gateway.mssmb2.Smb2NegotiateRequest(
                          List.of(0x0210), 1, 0, new byte[16], List.of())
                      .encode(b));
      byte[] framed = FramingTest.frame(neg);
      framed[2] = 0x10; // claims 4 KiB more than is sent
      t.sendRaw(framed);
      assertTrue(t.closedByServer());
    }
  }

  @Test
  void garbageAndOversizedFramesCloseTheConnection() throws Exception {
    try (SocketTransport t = connect()) {
      t.sendRaw(new byte[] {(byte) 0x85, 0, 0, 0});
      assertTrue(t.closedByServer());
    }
    try (SocketTransport t = connect()) {
      t.sendRaw(new byte[] {0, (byte) 0xF0, 0, 0, 1, 2, 3});
      assertTrue(t.closedByServer());
    }
  }

  @Test
  void unauthenticatedConnectionTimesOut() throws Exception {
    try (SocketTransport t = connect()) {
      Smb2TestClient c = new Smb2TestClient(t);
      long start = System.nanoTime();
      assertEquals(NtStatus.SUCCESS, c.negotiate(1).status());
      // ECHOes every 500 ms keep the idle timeout (2 s) away: only the auth timeout (3 s) fires.
      List<Smb2TestClient.Reply> r;
      do {
        Thread.sleep(500);
        try {
          r = c.exchange(echo(c));
        } catch (java.io.UncheckedIOException e) {
          r = null;
        }
      } while (r != null && System.nanoTime() - start < 10_000_000_000L);
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertNull(r, "still open after " + ms + " ms");
      assertTrue(ms >= 2500, "closed after only " + ms + " ms");
    }
  }

  @Test
  void compoundWithBadNextCommand() throws Exception {
    for (int next : new int[] {-64, 8, 1 << 20}) {
      try (SocketTransport t = connect()) {
        Smb2TestClient c = new Smb2TestClient(t).ready("share");
        byte[] m = Smb2TestClient.compound(echo(c), echo(c));
        Unpooled.wrappedBuffer(m).setIntLE(Smb2Header.NEXT_COMMAND_OFFSET, next);
        List<Smb2TestClient.Reply> r = c.exchange(m);
        assertEquals(NtStatus.INVALID_PARAMETER, r.get(0).status(), "NextCommand " + next);
      }
    }
    try (SocketTransport t = connect()) {
      Smb2TestClient c = new Smb2TestClient(t).ready("share");
      byte[] m = Smb2TestClient.compound(echo(c), echo(c));
      Unpooled.wrappedBuffer(m).setIntLE(Smb2Header.NEXT_COMMAND_OFFSET, 70);
      assertNull(c.exchange(m));
    }
  }

  @Test
  void creditChargeTooSmallAndMessageIdReuse() throws Exception {
    try (SocketTransport t = connect()) {
      Smb2TestClient c = new Smb2TestClient(t).ready("IPC$");
      byte[] ioctl =
          Smb2TestClient.request(
              Smb2Command.IOCTL,
              c.nextMessageId++,
              c.sessionId,
              c.treeId,
              0,
              1,
              b ->
                  new Smb2IoctlRequest(
                          Smb2IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO,
                          Smb2FileId.ANY,
                          new byte[0],
                          0,
                          new byte[0],
                          4 << 20,
                          Smb2IoctlRequest.FLAG_IS_FSCTL)
                      .encode(b));
      assertEquals(NtStatus.INVALID_PARAMETER, c.call(ioctl).status());
      c.nextMessageId = 1;
      assertNull(c.exchange(echo(c)));
    }
  }

  @Test
  void sessionAndTreeOfAnotherConnection() throws Exception {
    try (SocketTransport ta = connect();
        SocketTransport tb = connect()) {
      Smb2TestClient a = new Smb2TestClient(ta).ready("share");
      Smb2TestClient b = new Smb2TestClient(tb).ready("share");
      long bSession = b.sessionId;
      b.sessionId = a.sessionId;
      assertEquals(NtStatus.USER_SESSION_DELETED, b.call(b.treeConnectRequest("share")).status());
      b.sessionId = bSession;
      b.treeId = a.treeId;
      assertEquals(
          NtStatus.NETWORK_NAME_DELETED,
          b.call(b.request(Smb2Command.TREE_DISCONNECT, new Smb2TreeDisconnectRequest()::encode))
              .status());
      // A is unharmed.
      assertEquals(
          NtStatus.SUCCESS,
          a.call(a.request(Smb2Command.TREE_DISCONNECT, new Smb2TreeDisconnectRequest()::encode))
              .status());
    }
  }

  @Test
  void spnegoWithLyingLengths() throws Exception {
    byte[][] blobs = {
      {0x60, (byte) 0x84, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x06, 0x06},
      {0x60, 0x10, 0x06, 0x7F, 0x2B, 0x06},
      {(byte) 0xA1, (byte) 0x83, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x30, 0x00},
      {0x60, 0x05, 0x06, 0x06, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x02, (byte) 0xA0, 0x7F},
      {}
    };
    for (byte[] blob : blobs) {
      try (SocketTransport t = connect()) {
        Smb2TestClient c = new Smb2TestClient(t);
        assertEquals(NtStatus.SUCCESS, c.negotiate(1).status());
        assertEquals(NtStatus.LOGON_FAILURE, c.call(c.sessionSetup(1, blob)).status());
        assertEquals(NtStatus.SUCCESS, c.call(echo(c)).status());
      }
    }
  }

  @Test
  void requestAfterLogoffInTheSameCompound() throws Exception {
    try (SocketTransport t = connect()) {
      Smb2TestClient c = new Smb2TestClient(t).ready("share");
      byte[] logoff = c.request(Smb2Command.LOGOFF, new Smb2LogoffRequest()::encode);
      byte[] after =
          c.request(Smb2Command.TREE_DISCONNECT, new Smb2TreeDisconnectRequest()::encode);
      List<Smb2TestClient.Reply> r = c.exchange(Smb2TestClient.compound(logoff, after));
      assertEquals(2, r.size());
      assertEquals(NtStatus.SUCCESS, r.get(0).status());
      assertEquals(NtStatus.USER_SESSION_DELETED, r.get(1).status());
    }
  }
}

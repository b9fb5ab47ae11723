package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cephsmb.gateway.msnlmp.NtlmSpnegoTestClient;
import io.cephsmb.gateway.mssmb2.NegotiateContext;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2EchoRequest;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.mssmb2.Smb2IoctlRequest;
import io.cephsmb.gateway.mssmb2.Smb2NegotiateRequest;
import io.cephsmb.gateway.msspng.NegTokenInit;
import io.cephsmb.gateway.msspng.Oid;
import io.cephsmb.gateway.msspng.SpnegoInitToken;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Randomly corrupted requests (flipped bytes, truncations, extensions) after a valid NEGOTIATE:
 * each one is answered or closes the connection, and nothing reaches the log as an unexpected
 * error. A fixed seed keeps failures reproducible.
 */
class MutationTest {
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger("io.cephsmb.gateway");

  @BeforeEach
  void attach() {
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void detach() {
    logger.detachAppender(log);
  }

  private static byte[][] templates(Smb2TestClient c) {
    NtlmSpnegoTestClient ntlm = new NtlmSpnegoTestClient();
    byte[] spnego =
        SpnegoInitToken.encode(NegTokenInit.of(List.of(Oid.NTLMSSP), ntlm.negotiate(), null, null));
    byte[] echo = c.request(Smb2Command.ECHO, new Smb2EchoRequest()::encode);
    return new byte[][] {
      c.sessionSetup(1, spnego),
      echo,
      c.treeConnectRequest("share"),
      c.request(
          Smb2Command.IOCTL,
          b ->
              new Smb2IoctlRequest(
                      Smb2IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO,
                      Smb2FileId.ANY,
                      new byte[30],
                      0,
                      new byte[0],
                      24,
                      1)
                  .encode(b)),
      Smb2TestClient.compound(echo, echo.clone(), echo.clone()),
    };
  }

  private static byte[] mutate(byte[] m, Random r) {
    byte[] out = m.clone();
    switch (r.nextInt(4)) {
      case 0:
        return Arrays.copyOf(out, r.nextInt(out.length) + 1);
      case 1:
        return Arrays.copyOf(out, out.length + r.nextInt(64));
      default:
        int flips = 1 + r.nextInt(4);
        for (int i = 0; i < flips; i++) {
          // mostly the header's id/length fields and the start of the body
          int at = r.nextBoolean() ? r.nextInt(Math.min(out.length, 120)) : r.nextInt(out.length);
          out[at] = (byte) r.nextInt(256);
        }
        return out;
    }
  }

  @Test
  void corruptedRequestsAreAnsweredOrDropped() {
    Random random = new Random(4242);
    int answered = 0;
    int dropped = 0;
    for (int i = 0; i < 1500; i++) {
      try (EmbeddedServer s = new EmbeddedServer()) {
        Smb2TestClient c = new Smb2TestClient(s);
        assertEquals(NtStatus.SUCCESS, c.negotiate(1).status());
        byte[][] t = templates(c);
        byte[] bad = mutate(t[random.nextInt(t.length)], random);
        s.send(bad);
        byte[] r = s.receive();
        if (r == null) {
          dropped++;
        } else {
          answered++;
        }
      }
    }
    List<ILoggingEvent> bad =
        log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    assertTrue(bad.isEmpty(), () -> "unexpected errors: " + bad);
    assertTrue(answered > 100 && dropped > 100, answered + " answered, " + dropped + " dropped");
  }

  @Test
  void corruptedNegotiateRequests() {
    Random random = new Random(99);
    for (int i = 0; i < 500; i++) {
      try (EmbeddedServer s = new EmbeddedServer()) {
        byte[] neg =
            Smb2TestClient.request(
                Smb2Command.NEGOTIATE,
                0,
                0,
                0,
                0,
                0,
                b ->
                    new Smb2NegotiateRequest(
                            List.of(0x0202, 0x0311),
                            1,
                            0,
                            new byte[16],
                            List.<NegotiateContext>of(
                                new NegotiateContext.PreauthIntegrityCapabilities(
                                    List.of(1), new byte[32]),
                                new NegotiateContext.EncryptionCapabilities(List.of(1, 2))))
                        .encode(b));
        s.send(mutate(neg, random));
        s.receive();
      }
    }
    List<ILoggingEvent> bad =
        log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    assertTrue(bad.isEmpty(), () -> "unexpected errors: " + bad);
  }
}

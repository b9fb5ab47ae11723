package io.cephsmb.dcerpc.server;

import static io.cephsmb.dcerpc.server.Client.ECHO;
import static io.cephsmb.dcerpc.server.Client.bind;
import static io.cephsmb.dcerpc.server.Client.ctx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.dcerpc.auth.AuthException;
import io.cephsmb.dcerpc.auth.AuthLevel;
import io.cephsmb.dcerpc.auth.AuthStep;
import io.cephsmb.dcerpc.auth.SecurityContext;
import io.cephsmb.dcerpc.auth.SecurityProvider;
import io.cephsmb.dcerpc.pdu.Auth3Pdu;
import io.cephsmb.dcerpc.pdu.AuthVerifier;
import io.cephsmb.dcerpc.pdu.BindAckPdu;
import io.cephsmb.dcerpc.pdu.FaultPdu;
import io.cephsmb.dcerpc.pdu.Octets;
import io.cephsmb.dcerpc.pdu.PduException;
import io.cephsmb.dcerpc.pdu.PfcFlags;
import io.cephsmb.dcerpc.pdu.ResponsePdu;
import io.cephsmb.dcerpc.pdu.SyntaxId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * An authentication leg that completes later (as an NT hash lookup in RADOS does): the frames that
 * follow wait for it, in order, and no thread blocks.
 */
class AsyncAuthTest {
  /** The second leg's outcome, completed by the test. */
  final CompletableFuture<AuthStep> secondLeg = new CompletableFuture<>();

  final SecurityProvider slow =
      new SecurityProvider() {
        @Override
        public int authType() {
          return 0x7e;
        }

        @Override
        public SecurityContext newContext() {
          return new SecurityContext() {
            private int legs;

            @Override
            public CompletionStage<AuthStep> accept(byte[] token) {
              legs++;
              if (legs == 1) {
                return CompletableFuture.completedFuture(new AuthStep(Octets.ofHex("01"), false));
              }
              return secondLeg;
            }

            @Override
            public boolean isEstablished() {
              return secondLeg.isDone() && !secondLeg.isCompletedExceptionally();
            }

            @Override
            public int signatureLength() {
              return 0;
            }

            @Override
            public void verify(
                AuthLevel level, byte[] pdu, int signedLength, int off, int len, byte[] sig) {}

            @Override
            public byte[] sign(AuthLevel level, byte[] pdu, int signedLength, int off, int len) {
              return new byte[0];
            }

            @Override
            public String principal() {
              return "late-user";
            }
          };
        }
      };

  final RpcInterface echo =
      new RpcInterface(
          ECHO,
          Map.of(
              0,
              (c, stub) ->
                  CompletableFuture.completedFuture(
                      c.principal().getBytes(StandardCharsets.US_ASCII))));
  final RpcServer server = new RpcServer(List.of(echo), List.of(slow));
  final Client client = new Client();
  final ServerConnection conn = server.connect(client, "");

  AuthVerifier verifier(String hex) {
    return new AuthVerifier(0x7e, AuthLevel.CONNECT.code(), 0, 0, Octets.ofHex(hex));
  }

  void startExchange() throws PduException {
    conn.receive(bind(1, 0, Optional.of(verifier("00")), ctx(0, ECHO, SyntaxId.NDR20)));
    assertInstanceOf(BindAckPdu.class, client.one());
    conn.receive(Client.bytes(new Auth3Pdu(PfcFlags.FIRST_AND_LAST, 1, verifier("02"))));
    conn.receive(Client.call(2, 0, new byte[] {1}));
    conn.receive(Client.call(3, 0, new byte[] {1}));
    assertTrue(client.take().isEmpty(), "requests wait for the auth3 leg");
  }

  @Test
  void requestsAfterAnAsyncLegWaitForItInOrder() throws PduException {
    startExchange();
    secondLeg.complete(new AuthStep(Octets.EMPTY, true));
    var out = client.take();
    assertEquals(2, out.size());
    assertEquals(2, out.get(0).callId());
    assertEquals(3, out.get(1).callId());
    assertEquals(
        "late-user",
        new String(((ResponsePdu) out.get(0)).stub().toByteArray(), StandardCharsets.US_ASCII));
  }

  @Test
  void aFailedAsyncLegDeniesTheWaitingRequests() throws PduException {
    startExchange();
    secondLeg.completeExceptionally(new AuthException("no such user"));
    var out = client.take();
    assertEquals(2, out.size());
    assertEquals(RpcStatus.ACCESS_DENIED, assertInstanceOf(FaultPdu.class, out.get(0)).status());
    assertEquals(RpcStatus.ACCESS_DENIED, assertInstanceOf(FaultPdu.class, out.get(1)).status());
  }

  @Test
  void theBacklogIsBoundedAndClosingDropsIt() throws PduException {
    startExchange();
    for (int i = 0; i < ServerConnection.MAX_BACKLOG; i++) {
      conn.receive(Client.call(10 + i, 0, new byte[] {1}));
    }
    assertTrue(client.aborted, "a client that floods a pending exchange is cut off");
    secondLeg.complete(new AuthStep(Octets.EMPTY, true));
    var out = client.take();
    assertEquals(1, out.size(), "only the abort's fault went out: " + out);
    assertEquals(ConnectionState.CLOSED, conn.state());
  }
}

package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.mssmb2.NegotiateContext;
import io.cephsmb.gateway.mssmb2.NegotiateContext.EncryptionCapabilities;
import io.cephsmb.gateway.mssmb2.NegotiateContext.PreauthIntegrityCapabilities;
import io.cephsmb.gateway.mssmb2.NegotiateContext.SigningCapabilities;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2NegotiateRequest;
import io.cephsmb.gateway.mssmb2.Smb2NegotiateResponse;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** [MS-SMB2] 3.3.5.4 dialect, capability and 3.1.1 negotiate-context selection. */
class NegotiateTest {
  private static final PreauthIntegrityCapabilities PREAUTH =
      new PreauthIntegrityCapabilities(List.of(1), new byte[32]);

  private static Smb2TestClient.Reply negotiate(
      Consumer<SmbServerConfig.Builder> tweak, List<Integer> dialects, List<NegotiateContext> ctx) {
    try (EmbeddedServer s = new EmbeddedServer(tweak, Map.of())) {
      return new Smb2TestClient(s)
          .call(
              Smb2TestClient.request(
                  Smb2Command.NEGOTIATE,
                  0,
                  0,
                  0,
                  0,
                  0,
                  b -> new Smb2NegotiateRequest(dialects, 1, 0x40, new byte[16], ctx).encode(b)));
    }
  }

  private static Smb2NegotiateResponse body(Smb2TestClient.Reply r) {
    assertEquals(NtStatus.SUCCESS, r.status());
    return Smb2NegotiateResponse.decode(Unpooled.wrappedBuffer(r.message()));
  }

  @Test
  void picksTheHighestCommonDialectAndItsCapabilities() {
    Smb2NegotiateResponse r = body(negotiate(b -> {}, List.of(0x0202, 0x0300, 0x0302), List.of()));
    assertEquals(0x0302, r.dialectRevision());
    assertEquals(
        Smb2NegotiateResponse.CAP_LARGE_MTU | Smb2NegotiateResponse.CAP_ENCRYPTION,
        r.capabilities());
    assertEquals(8 << 20, r.maxReadSize());
    assertTrue(r.securityBuffer().length > 0);
    Smb2NegotiateResponse old = body(negotiate(b -> {}, List.of(0x0202), List.of()));
    assertEquals(0, old.capabilities());
    assertEquals(65536, old.maxTransactSize());
    Smb2NegotiateResponse required =
        body(negotiate(b -> b.signingRequired(true), List.of(0x0210), List.of()));
    assertEquals(3, required.securityMode());
  }

  @Test
  void noCommonDialectIsNotSupported() {
    assertEquals(
        NtStatus.NOT_SUPPORTED, negotiate(b -> {}, List.of(0x0201, 0x0400), List.of()).status());
  }

  @Test
  void contexts311FollowTheClientsPreference() {
    Smb2NegotiateResponse r =
        body(
            negotiate(
                b -> {},
                List.of(0x0300, 0x0311),
                List.of(
                    PREAUTH,
                    new NegotiateContext.Unknown(0x0099, new byte[] {1, 2, 3}),
                    new EncryptionCapabilities(List.of(0x0009, 0x0003, 0x0002)),
                    new SigningCapabilities(List.of(0x0001, 0x0002)))));
    assertEquals(0x0311, r.dialectRevision());
    assertEquals(3, r.contexts().size());
    PreauthIntegrityCapabilities p = (PreauthIntegrityCapabilities) r.contexts().get(0);
    assertEquals(List.of(1), p.hashAlgorithms());
    assertEquals(32, p.salt().length);
    assertEquals(List.of(0x0003), ((EncryptionCapabilities) r.contexts().get(1)).ciphers());
    assertEquals(List.of(0x0001), ((SigningCapabilities) r.contexts().get(2)).algorithms());
  }

  @Test
  void noCommonCipherAnswersCipherZero() {
    Smb2NegotiateResponse r =
        body(
            negotiate(
                b -> b.encryptionSupported(false),
                List.of(0x0311),
                List.of(PREAUTH, new EncryptionCapabilities(List.of(0x0002)))));
    assertEquals(List.of(0), ((EncryptionCapabilities) r.contexts().get(1)).ciphers());
  }

  @Test
  void badPreauthContexts() {
    assertEquals(
        NtStatus.INVALID_PARAMETER, negotiate(b -> {}, List.of(0x0311), List.of()).status());
    assertEquals(
        NtStatus.INVALID_PARAMETER,
        negotiate(b -> {}, List.of(0x0311), List.of(PREAUTH, PREAUTH)).status());
    assertEquals(
        NtStatus.SMB_NO_PREAUTH_INTEGRITY_HASH_OVERLAP,
        negotiate(
                b -> {},
                List.of(0x0311),
                List.of(new PreauthIntegrityCapabilities(List.of(2), new byte[4])))
            .status());
    EncryptionCapabilities enc = new EncryptionCapabilities(List.of(1));
    assertEquals(
        NtStatus.INVALID_PARAMETER,
        negotiate(b -> {}, List.of(0x0311), List.of(PREAUTH, enc, enc)).status());
  }
}

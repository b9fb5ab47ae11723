package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cephsmb.gateway.crypto.Smb2Cipher;
import io.cephsmb.gateway.crypto.Smb2Encryption;
import io.cephsmb.gateway.crypto.Smb2TransformHeader;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2EchoRequest;
import io.cephsmb.gateway.mssmb2.Smb2NegotiateResponse;
import io.cephsmb.gateway.mssmb2.Smb2TreeConnectResponse;
import io.cephsmb.gateway.mssmb2.Smb2TreeDisconnectRequest;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The decrypt handler, the encrypt encoder and the encryption checks, with SMB 3.0. */
class EncryptionTest {
  private static long nonce = 1;

  private static Smb2TestClient smb30(EmbeddedServer s) {
    Smb2TestClient c = new Smb2TestClient(s);
    Smb2TestClient.Reply n =
        c.negotiate(1, Smb2NegotiateResponse.CAP_ENCRYPTION, List.of(0x0202, 0x0210, 0x0300));
    assertEquals(0x0300, c.dialect);
    assertTrue(
        (Smb2NegotiateResponse.decode(Unpooled.wrappedBuffer(n.message())).capabilities()
                & Smb2NegotiateResponse.CAP_ENCRYPTION)
            != 0);
    assertEquals(NtStatus.SUCCESS, c.login(TestServers.USER, TestServers.PASSWORD, 1));
    return c;
  }

  private static byte[] seal(Smb2TestClient c, byte[] message) {
    byte[] n = new byte[11];
    n[0] = (byte) nonce++;
    return Smb2Encryption.encrypt(
        Smb2Cipher.AES_128_CCM,
        c.keys.decryptionKey().get(), // the server's decryption key is the client's encryption key
        c.sessionId,
        n,
        message,
        0,
        message.length);
  }

  private static Smb2TestClient.Reply open(Smb2TestClient c, byte[] sealed) {
    assertEquals(Smb2TransformHeader.PROTOCOL_ID, Unpooled.wrappedBuffer(sealed).getIntLE(0));
    byte[] plain =
        Smb2Encryption.decrypt(
            Smb2Cipher.AES_128_CCM, c.keys.encryptionKey().get(), sealed, 0, sealed.length);
    return Smb2TestClient.split(plain).get(0);
  }

  @Test
  void encryptedShareNeedsEncryptedRequestsAndGetsEncryptedResponses() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = smb30(s);
      Smb2TestClient.Reply tc = c.call(c.sign(c.treeConnectRequest("secure")));
      assertEquals(NtStatus.SUCCESS, tc.status());
      Smb2TreeConnectResponse t =
          Smb2TreeConnectResponse.decode(Unpooled.wrappedBuffer(tc.message()));
      assertTrue((t.shareFlags() & Smb2TreeConnectResponse.SHAREFLAG_ENCRYPT_DATA) != 0);
      c.treeId = tc.header().treeId();
      byte[] disconnect =
          c.request(Smb2Command.TREE_DISCONNECT, new Smb2TreeDisconnectRequest()::encode);
      assertEquals(NtStatus.ACCESS_DENIED, c.call(c.sign(disconnect)).status());
      byte[] again =
          c.request(Smb2Command.TREE_DISCONNECT, new Smb2TreeDisconnectRequest()::encode);
      s.send(seal(c, again));
      Smb2TestClient.Reply r = open(c, s.receive());
      assertEquals(NtStatus.SUCCESS, r.status());
    }
  }

  @Test
  void serverWideEncryptionFlagsTheSession() {
    try (EmbeddedServer s = new EmbeddedServer(b -> b.encryptData(true), Map.of())) {
      Smb2TestClient c = smb30(s);
      assertEquals(io.cephsmb.gateway.mssmb2.Smb2SessionSetupResponse.ENCRYPT_DATA, c.sessionFlags);
      assertEquals(NtStatus.ACCESS_DENIED, c.call(c.sign(c.treeConnectRequest("share"))).status());
      s.send(seal(c, c.treeConnectRequest("share")));
      assertEquals(NtStatus.SUCCESS, open(c, s.receive()).status());
    }
  }

  @Test
  void badTagOrUnknownSessionDropsTheConnection() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = smb30(s);
      byte[] sealed = seal(c, c.request(Smb2Command.ECHO, new Smb2EchoRequest()::encode));
      sealed[sealed.length - 1] ^= 1;
      s.send(sealed);
      assertNull(s.receive());
    }
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = smb30(s);
      byte[] sealed = seal(c, c.request(Smb2Command.ECHO, new Smb2EchoRequest()::encode));
      Unpooled.wrappedBuffer(sealed).setLongLE(44, c.sessionId + 1);
      s.send(sealed);
      assertNull(s.receive());
    }
  }

  @Test
  void encryptedEchoRoundTrip() {
    try (EmbeddedServer s = new EmbeddedServer()) {
      Smb2TestClient c = smb30(s);
      byte[] echo = c.request(Smb2Command.ECHO, new Smb2EchoRequest()::encode);
      s.send(seal(c, echo));
      Smb2TestClient.Reply r = open(c, s.receive());
      assertEquals(NtStatus.SUCCESS, r.status());
      assertArrayEquals(new byte[16], r.header().signature()); // encrypted, so not signed
    }
  }
}

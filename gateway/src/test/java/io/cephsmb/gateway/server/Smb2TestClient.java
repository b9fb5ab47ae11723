package io.cephsmb.gateway.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cephsmb.gateway.crypto.Smb2Signer;
import io.cephsmb.gateway.crypto.Smb2SigningAlgorithm;
import io.cephsmb.gateway.msnlmp.NtlmSpnegoTestClient;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.cephsmb.gateway.mssmb2.Smb2NegotiateRequest;
import io.cephsmb.gateway.mssmb2.Smb2SessionSetupRequest;
import io.cephsmb.gateway.mssmb2.Smb2SessionSetupResponse;
import io.cephsmb.gateway.mssmb2.Smb2TreeConnectRequest;
import io.cephsmb.gateway.msspng.NegTokenInit;
import io.cephsmb.gateway.msspng.NegTokenResp;
import io.cephsmb.gateway.msspng.Oid;
import io.cephsmb.gateway.msspng.SpnegoInitToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A minimal SMB2 client for tests: builds requests byte by byte (so that tests can break them),
 * sends them through a {@link Transport} and splits responses. Dialect 2.1 keeps it simple: no
 * preauth hash, HMAC-SHA256 signing with the NTLM session key.
 */
final class Smb2TestClient {
  /** Moves SMB2 messages (without the 4-byte transport prefix) to and from the server. */
  interface Transport {
    void send(byte[] message);

    /** The next response message, or null when the server closed the connection. */
    byte[] receive();
  }

  /**
   * One response of a (possibly compound) message.
   *
   * @param header the header
   * @param message the whole response bytes
   */
  record Reply(Smb2Header header, byte[] message) {
    NtStatus status() {
      return NtStatus.fromCode(header.status());
    }
  }

  final Transport transport;
  long nextMessageId;
  long sessionId;
  int treeId;
  Smb2Signer signer;
  int sessionFlags;
  int dialect = 0x0210;
  io.cephsmb.gateway.crypto.Smb2SessionKeys keys;

  Smb2TestClient(Transport transport) {
    this.transport = transport;
  }

  /** A request: header and body; the signature field is zero. */
  static byte[] request(
      Smb2Command cmd,
      long messageId,
      long sessionId,
      int treeId,
      int flags,
      int creditCharge,
      Consumer<ByteBuf> body) {
    ByteBuf b = Unpooled.buffer();
    new Smb2Header(
            creditCharge, 0, cmd.code(), 8, flags, 0, messageId, 0, treeId, sessionId, new byte[16])
        .encode(b);
    body.accept(b);
    byte[] out = ByteBufUtil.getBytes(b);
    b.release();
    return out;
  }

  /** A request with this client's next MessageId, session and tree. */
  byte[] request(Smb2Command cmd, Consumer<ByteBuf> body) {
    return request(cmd, nextMessageId++, sessionId, treeId, 0, 1, body);
  }

  /** Signs a request in place with the session's key. */
  byte[] sign(byte[] message) {
    signer.sign(message, 0, message.length);
    return message;
  }

  /** Chains requests: each padded to 8 bytes, NextCommand set, the last unpadded. */
  static byte[] compound(byte[]... parts) {
    ByteBuf b = Unpooled.buffer();
    for (int i = 0; i < parts.length; i++) {
      int start = b.writerIndex();
      b.writeBytes(parts[i]);
      if (i < parts.length - 1) {
        while (((b.writerIndex() - start) & 7) != 0) {
          b.writeByte(0);
        }
        b.setIntLE(start + Smb2Header.NEXT_COMMAND_OFFSET, b.writerIndex() - start);
      }
    }
    byte[] out = ByteBufUtil.getBytes(b);
    b.release();
    return out;
  }

  /** Splits a response message into its compound parts. */
  static List<Reply> split(byte[] message) {
    List<Reply> out = new ArrayList<>();
    int at = 0;
    while (true) {
      ByteBuf b = Unpooled.wrappedBuffer(message, at, message.length - at);
      Smb2Header h = Smb2Header.decode(b);
      int len = h.nextCommand() == 0 ? message.length - at : h.nextCommand();
      out.add(new Reply(h, Arrays.copyOfRange(message, at, at + len)));
      if (h.nextCommand() == 0) {
        return out;
      }
      at += len;
    }
  }

  /** Sends one message and returns the parts of the next response message. */
  List<Reply> exchange(byte[] message) {
    transport.send(message);
    byte[] r = transport.receive();
    return r == null ? null : split(r);
  }

  /** Sends one request and returns the first response that comes, interim or final. */
  Reply callRaw(byte[] message) {
    List<Reply> r = exchange(message);
    if (r == null) {
      throw new AssertionError("connection closed");
    }
    assertEquals(1, r.size());
    return r.get(0);
  }

  /**
   * Sends one request and returns its single final response: an interim STATUS_PENDING response
   * (the server sends one when the request runs longer than its interim delay, e.g. on a loaded
   * machine) is skipped, as a client does ([MS-SMB2] 3.2.5.1.5).
   */
  Reply call(byte[] message) {
    List<Reply> r = exchange(message);
    while (r != null
        && r.size() == 1
        && r.get(0).status() == NtStatus.PENDING
        && (r.get(0).header().flags() & io.cephsmb.gateway.mssmb2.Smb2Header.FLAG_ASYNC_COMMAND)
            != 0) {
      byte[] next = transport.receive();
      r = next == null ? null : split(next);
    }
    if (r == null) {
      throw new AssertionError("connection closed");
    }
    assertEquals(1, r.size());
    return r.get(0);
  }

  /** NEGOTIATE offering 2.0.2 and 2.1. */
  Reply negotiate(int securityMode) {
    return negotiate(securityMode, 0, List.of(0x0202, 0x0210));
  }

  /** NEGOTIATE offering {@code dialects} (no 3.1.1: no contexts); keeps the dialect. */
  Reply negotiate(int securityMode, int capabilities, List<Integer> dialects) {
    Reply r =
        call(
            request(
                Smb2Command.NEGOTIATE,
                b ->
                    new Smb2NegotiateRequest(
                            dialects, securityMode, capabilities, new byte[16], List.of())
                        .encode(b)));
    if (r.status() == NtStatus.SUCCESS) {
      dialect =
          io.cephsmb.gateway.mssmb2.Smb2NegotiateResponse.decode(
                  Unpooled.wrappedBuffer(r.message()))
              .dialectRevision();
    }
    return r;
  }

  /** Logs on with NTLMv2 in SPNEGO; keeps the SessionId and a signer. */
  NtStatus login(String user, String password, int securityMode) {
    return authenticate(user, password, securityMode, 0, true);
  }

  /**
   * NTLMv2 in SPNEGO on the current SessionId (0: a new session, else a re-authentication), with
   * {@code previousSessionId}; {@code newKeys} keeps the SessionId and installs a signer on success
   * (a re-authentication keeps the session's keys).
   */
  NtStatus authenticate(
      String user, String password, int securityMode, long previousSessionId, boolean newKeys) {
    NtlmSpnegoTestClient ntlm = new NtlmSpnegoTestClient();
    List<String> mechs = List.of(Oid.NTLMSSP);
    byte[] first = SpnegoInitToken.encode(NegTokenInit.of(mechs, ntlm.negotiate(), null, null));
    Reply r1 = call(sessionSetup(0, securityMode, previousSessionId, first));
    if (r1.status() != NtStatus.MORE_PROCESSING_REQUIRED) {
      return r1.status();
    }
    sessionId = r1.header().sessionId();
    byte[] challenge = challenge(r1);
    byte[] auth =
        user == null
            ? NtlmSpnegoTestClient.anonymous()
            : ntlm.authenticate(challenge, user, "WORKGROUP", password);
    byte[] mic = user == null ? null : ntlm.security().sign(NegTokenInit.mechTypeList(mechs));
    Reply r2 =
        call(
            sessionSetup(
                0,
                securityMode,
                previousSessionId,
                new NegTokenResp(null, null, auth, mic).encode()));
    lastSetup = r2;
    if (r2.status() == NtStatus.SUCCESS) {
      sessionFlags =
          Smb2SessionSetupResponse.decode(Unpooled.wrappedBuffer(r2.message())).sessionFlags();
      if (newKeys && user != null) {
        if (dialect >= 0x0300) {
          keys =
              io.cephsmb.gateway.crypto.Smb2KeyDerivation.derive(
                  io.cephsmb.gateway.crypto.Smb2Dialect.fromRevision(dialect),
                  io.cephsmb.gateway.crypto.Smb2Cipher.AES_128_CCM,
                  ntlm.exportedSessionKey(),
                  null);
          signer = new Smb2Signer(Smb2SigningAlgorithm.AES_CMAC, keys.signingKey());
        } else {
          signer = new Smb2Signer(Smb2SigningAlgorithm.HMAC_SHA256, ntlm.exportedSessionKey());
        }
      }
    }
    return r2.status();
  }

  /** The final response of the last {@link #authenticate}. */
  Reply lastSetup;

  private static byte[] challenge(Reply r) {
    return NegTokenResp.decode(
            Smb2SessionSetupResponse.decode(Unpooled.wrappedBuffer(r.message())).securityBuffer())
        .responseToken();
  }

  byte[] sessionSetup(int securityMode, byte[] token) {
    return sessionSetup(0, securityMode, 0, token);
  }

  /** A SESSION_SETUP request with Flags (BINDING 0x01) and PreviousSessionId. */
  byte[] sessionSetup(int flags, int securityMode, long previousSessionId, byte[] token) {
    return request(
        Smb2Command.SESSION_SETUP,
        b ->
            new Smb2SessionSetupRequest(flags, securityMode, 0, 0, previousSessionId, token)
                .encode(b));
  }

  /** TREE_CONNECT request bytes for {@code \\127.0.0.1\share}. */
  byte[] treeConnectRequest(String share) {
    return request(
        Smb2Command.TREE_CONNECT,
        b -> new Smb2TreeConnectRequest(0, "\\\\127.0.0.1\\" + share, List.of()).encode(b));
  }

  /** Connects a share; keeps the TreeId. */
  NtStatus treeConnect(String share) {
    Reply r = call(treeConnectRequest(share));
    if (r.status() == NtStatus.SUCCESS) {
      treeId = r.header().treeId();
    }
    return r.status();
  }

  /** negotiate + login + tree connect, asserting success. */
  Smb2TestClient ready(String share) {
    assertEquals(NtStatus.SUCCESS, negotiate(1).status());
    assertEquals(NtStatus.SUCCESS, login(TestServers.USER, TestServers.PASSWORD, 1));
    assertEquals(NtStatus.SUCCESS, treeConnect(share));
    return this;
  }
}

package io.cephsmb.gateway.server;

import io.cephsmb.gateway.crypto.PreauthIntegrity;
import io.cephsmb.gateway.crypto.Smb2Cipher;
import io.cephsmb.gateway.crypto.Smb2Dialect;
import io.cephsmb.gateway.crypto.Smb2SigningAlgorithm;
import io.cephsmb.gateway.mssmb2.NegotiateContext;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb1NegotiateRequest;
import io.cephsmb.gateway.mssmb2.Smb2Command;
import io.cephsmb.gateway.mssmb2.Smb2Header;
import io.cephsmb.gateway.mssmb2.Smb2NegotiateRequest;
import io.cephsmb.gateway.mssmb2.Smb2NegotiateResponse;
import io.cephsmb.gateway.msspng.NegTokenInit;
import io.cephsmb.gateway.msspng.SpnegoAcceptor;
import io.cephsmb.gateway.msspng.SpnegoInitToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * [MS-SMB2] 3.3.5.4 Receiving an SMB2 NEGOTIATE Request, and 3.3.5.3.1 the SMB2 answer to an SMB1
 * multi-protocol negotiate: picks the highest common dialect, the signing mode and capabilities,
 * and for 3.1.1 the preauth integrity hash (SHA-512 with a fresh salt), the cipher and the signing
 * algorithm in the client's order of preference; the security buffer is the SPNEGO NegTokenInit2.
 */
final class NegotiateHandler implements CommandHandler {
  private static final int SMALL = 65536;
  private static final int DIALECT_WILDCARD = 0x02FF;

  @Override
  public CompletableFuture<Response> handle(RequestContext rc) {
    Smb2NegotiateRequest req = Smb2NegotiateRequest.decode(rc.message());
    SmbConnection c = rc.connection();
    SmbServerConfig config = c.server().config();
    Smb2Dialect dialect = null;
    for (Smb2Dialect d : config.dialects()) {
      if (req.dialects().contains(d.revision())) {
        dialect = d; // EnumSet iterates in ascending order: the last match is the highest
      }
    }
    if (dialect == null) {
      return done(Response.error(NtStatus.NOT_SUPPORTED));
    }
    Smb2Cipher cipher = null;
    Smb2SigningAlgorithm signing = Smb2SigningAlgorithm.defaultFor(dialect);
    List<NegotiateContext> answer = new ArrayList<>();
    if (dialect == Smb2Dialect.SMB_3_1_1) {
      Contexts3 ctx = Contexts3.select(req.contexts(), config, c.server().random());
      if (ctx.error() != null) {
        return done(Response.error(ctx.error()));
      }
      cipher = ctx.cipher();
      signing = ctx.signing();
      answer = ctx.answer();
    } else if (dialect.isSmb3()
        && config.encryptionSupported()
        && (req.capabilities() & Smb2NegotiateResponse.CAP_ENCRYPTION) != 0) {
      cipher = Smb2Cipher.AES_128_CCM;
    }
    int capabilities = capabilities(config, dialect, cipher);
    int securityMode = securityMode(config);
    c.negotiated(
        dialect,
        cipher,
        signing,
        req.clientGuid(),
        req.securityMode(),
        req.capabilities(),
        req.dialects(),
        securityMode,
        capabilities);
    c.transition(ConnectionState.NEGOTIATED);
    Smb2NegotiateResponse resp = response(c, dialect.revision(), capabilities, answer);
    Response r = Response.ok(resp::encode);
    if (dialect == Smb2Dialect.SMB_3_1_1) {
      c.preauthHash(PreauthIntegrity.next(PreauthIntegrity.initial(), rc.messageBytes()));
      r = r.withOnEncoded(bytes -> c.preauthHash(PreauthIntegrity.next(c.preauthHash(), bytes)));
    }
    return done(r);
  }

  /**
   * [MS-SMB2] 3.3.5.3.1 answers an SMB1 negotiate: DialectRevision 0x02FF when it offers "SMB
   * 2.???" and the server speaks more than 2.0.2 (the client then sends an SMB2 NEGOTIATE), 2.0.2
   * when it offers only "SMB 2.002"; null when it offers no SMB2 dialect.
   */
  static ResponseChain answerSmb1(SmbConnection c, Smb1NegotiateRequest req) {
    SmbServerConfig config = c.server().config();
    boolean beyond202 = config.dialects().stream().anyMatch(d -> d != Smb2Dialect.SMB_2_0_2);
    int revision;
    Smb2Dialect dialect;
    if (req.dialects().contains(Smb1NegotiateRequest.SMB_2_WILDCARD) && beyond202) {
      revision = DIALECT_WILDCARD;
      dialect = Smb2Dialect.SMB_2_1; // what the wildcard answer describes
      c.transition(ConnectionState.AWAITING_SMB2_NEGOTIATE);
    } else if (req.dialects().contains(Smb1NegotiateRequest.SMB_2_002)
        && config.dialects().contains(Smb2Dialect.SMB_2_0_2)) {
      revision = Smb2Dialect.SMB_2_0_2.revision();
      dialect = Smb2Dialect.SMB_2_0_2;
      c.negotiated(
          dialect,
          null,
          Smb2SigningAlgorithm.HMAC_SHA256,
          new byte[16],
          0,
          0,
          List.of(revision),
          securityMode(config),
          capabilities(config, dialect, null));
      c.transition(ConnectionState.NEGOTIATED);
    } else {
      return null;
    }
    int caps = capabilities(config, dialect, null);
    Smb2NegotiateResponse resp = response(c, revision, caps, List.of());
    ByteBuf body = Unpooled.buffer();
    resp.encode(body);
    Smb2Header h =
        new Smb2Header(
            0,
            NtStatus.SUCCESS.code(),
            Smb2Command.NEGOTIATE.code(),
            c.credits().grant(1),
            Smb2Header.FLAG_SERVER_TO_REDIR,
            0,
            0,
            0,
            0,
            0,
            new byte[16]);
    ResponseChain.Element e = new ResponseChain.Element(h, ByteBufUtil.getBytes(body), null, null);
    body.release();
    return new ResponseChain(List.of(e), null, false);
  }

  private static Smb2NegotiateResponse response(
      SmbConnection c, int revision, int capabilities, List<NegotiateContext> contexts) {
    SmbServerConfig config = c.server().config();
    boolean small = revision == Smb2Dialect.SMB_2_0_2.revision();
    return new Smb2NegotiateResponse(
        securityMode(config),
        revision,
        Wire.guid(config.serverGuid()),
        capabilities,
        small ? SMALL : config.maxTransactSize(),
        small ? SMALL : config.maxReadSize(),
        small ? SMALL : config.maxWriteSize(),
        Wire.filetime(c.server().clock().instant()),
        0,
        spnegoHint(c.server()),
        contexts);
  }

  /** The NegTokenInit2 listing the mechanisms SESSION_SETUP accepts ([MS-SPNG] 3.2.5.2). */
  static byte[] spnegoHint(ServerContext server) {
    return SpnegoInitToken.encode(
        NegTokenInit.of(SessionSetupHandler.MECHANISMS, null, SpnegoAcceptor.HINT_NAME, null));
  }

  static int securityMode(SmbServerConfig config) {
    return Smb2NegotiateResponse.SIGNING_ENABLED
        | (config.signingRequired() ? Smb2NegotiateResponse.SIGNING_REQUIRED : 0);
  }

  static int capabilities(SmbServerConfig config, Smb2Dialect dialect, Smb2Cipher cipher) {
    if (dialect == Smb2Dialect.SMB_2_0_2) {
      return 0;
    }
    int caps = Smb2NegotiateResponse.CAP_LARGE_MTU;
    if (config.leasing()) {
      caps |= Smb2NegotiateResponse.CAP_LEASING;
    }
    if ((dialect == Smb2Dialect.SMB_3_0 || dialect == Smb2Dialect.SMB_3_0_2) && cipher != null) {
      caps |= Smb2NegotiateResponse.CAP_ENCRYPTION;
    }
    return caps;
  }

  private static CompletableFuture<Response> done(Response r) {
    return CompletableFuture.completedFuture(r);
  }
}

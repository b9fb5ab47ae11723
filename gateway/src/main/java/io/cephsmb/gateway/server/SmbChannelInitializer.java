package io.cephsmb.gateway.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline of one connection, each handler with one job. Inbound, in order: idle detection,
 * {@link FrameDecoder} (Direct TCP framing), {@link Smb1NegotiateHandler}, {@link DecryptHandler},
 * {@link CompoundSplitter}, {@link CreditChecker}, {@link SignatureVerifier}, {@link Dispatcher},
 * {@link ConnectionGuard}. Outbound (from the dispatcher towards the socket): {@link
 * ResponseEncoder} (compound assembly and signing), {@link EncryptEncoder}, {@link FramePrefixer}
 * (the 4-byte length), and Netty's FlushConsolidationHandler: the responses to the requests of one
 * socket read go out with one flush at the end of the read instead of one each.
 */
final class SmbChannelInitializer extends ChannelInitializer<Channel> {
  private final ServerContext server;

  SmbChannelInitializer(ServerContext server) {
    this.server = server;
  }

  @Override
  protected void initChannel(Channel ch) {
    SmbConnection connection = new SmbConnection(server);
    connection.channel(ch);
    ch.closeFuture().addListener(f -> connection.closed());
    ChannelPipeline p = ch.pipeline();
    p.addLast(
        "idle",
        new IdleStateHandler(
            0, 0, server.config().idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    p.addLast("flush", new FlushConsolidationHandler());
    p.addLast("frame-encoder", new FramePrefixer());
    p.addLast("encrypt", new EncryptEncoder());
    p.addLast("response-encoder", new ResponseEncoder());
    p.addLast("frame-decoder", new FrameDecoder(server.config().maxFrameSize()));
    p.addLast("smb1-negotiate", new Smb1NegotiateHandler(connection));
    p.addLast("decrypt", new DecryptHandler(connection));
    p.addLast("compound", new CompoundSplitter());
    p.addLast("credits", new CreditChecker(connection));
    p.addLast("signature", new SignatureVerifier(connection));
    p.addLast("dispatcher", new Dispatcher(connection));
    p.addLast("guard", new ConnectionGuard(connection));
  }
}

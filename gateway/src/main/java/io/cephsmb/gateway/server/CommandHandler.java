package io.cephsmb.gateway.server;

import java.util.concurrent.CompletableFuture;

/**
 * One SMB2 command. The dispatcher calls {@link #handle} on the connection's event loop after the
 * central checks of [MS-SMB2] 3.3.5.2 passed (see {@link io.cephsmb.gateway.mssmb2.Smb2Command});
 * the handler decodes its request at once (the message buffer lives only until the chain is done),
 * does blocking work through {@link RequestContext#offload} and completes the future with the
 * response. A handler must not block and must not throw for bad input: decode failures become their
 * status.
 */
@FunctionalInterface
public interface CommandHandler {
  /** Handles one request. */
  CompletableFuture<Response> handle(RequestContext request);
}

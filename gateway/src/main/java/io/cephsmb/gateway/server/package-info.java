/**
 * The SMB2/3 protocol engine on Netty: {@link io.cephsmb.gateway.server.SmbServer}, the inbound
 * pipeline (framing, SMB1 negotiate, decryption, compound splitting, credits, signature
 * verification, dispatch), the outbound pipeline (compound assembly and signing, encryption,
 * framing), the connection, session and tree-connect state, and the handlers of the commands up to
 * TREE_CONNECT. File commands plug in as further {@link io.cephsmb.gateway.server.CommandHandler}s.
 */
package io.cephsmb.gateway.server;

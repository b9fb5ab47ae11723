/**
 * The transport-independent server side of connection-oriented RPC ([C706] 12, [MS-RPCE] 3.3): a
 * connection state machine fed one PDU frame at a time that answers through a {@link
 * io.cephsmb.dcerpc.server.PduSink}, with association groups, presentation context negotiation,
 * fragmentation both ways, asynchronous calls, cancellation and the authentication hook.
 */
package io.cephsmb.dcerpc.server;

/**
 * [C706] chapter 12 connection-oriented RPC PDUs with the [MS-RPCE] 2.2.2 extensions: one immutable
 * record per PDU type, decoded with every length checked and encoded byte-exact.
 */
package io.cephsmb.dcerpc.pdu;

/**
 * [MS-RPCE] 2.1.1.1 / [C706] appendix I ncacn_ip_tcp on Netty: PDUs framed by frag_length straight
 * over a TCP stream, one {@link io.cephsmb.dcerpc.server.ServerConnection} per TCP connection.
 */
package io.cephsmb.dcerpc.tcp;

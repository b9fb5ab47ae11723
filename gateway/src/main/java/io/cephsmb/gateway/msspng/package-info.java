/**
 * [MS-SPNG] and [RFC4178] SPNEGO for the server: strict DER encoding and decoding of the GSS-API
 * initial context token ([RFC2743] 3.1), NegTokenInit, the server's NegTokenInit2 "hints" form
 * (MS-SPNG 2.2.1) sent in the SMB2 NEGOTIATE response, and NegTokenResp; and an acceptor state
 * machine that drives a {@link io.cephsmb.gateway.msspng.GssMechanism} (NTLMSSP first, room for
 * Kerberos) and computes and checks the mechListMIC (MS-SPNG 3.2.5.1, RFC 4178 5).
 */
package io.cephsmb.gateway.msspng;

/**
 * [MS-NLMP] the server side of NTLMSSP: the three messages and their AV_PAIRs (2.2), NTLMv2
 * verification against stored NT hashes (3.2.5.1.2, 3.3.2), the key exchange and MIC (3.1.5.1.2),
 * and session security for signing and sealing (3.4).
 *
 * <p>Only NTLMv2 is accepted: an NTLMv1 (24-byte) NtChallengeResponse fails with
 * STATUS_LOGON_FAILURE, and an LMv2 response alone never authenticates. Session security is
 * implemented for extended session security (NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY), which
 * every current client negotiates; without it the server does not offer signing or sealing.
 */
package io.cephsmb.gateway.msnlmp;

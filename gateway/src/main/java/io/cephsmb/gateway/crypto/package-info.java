/**
 * [MS-SMB2] 3.1.4 cryptography for the server: the SP800-108 key derivation and the per-dialect
 * keys (3.1.4.2), the SMB 3.1.1 preauthentication integrity hash (3.3.5.4, 3.3.5.5), message
 * signing and its verification (3.1.4.1, 3.1.5.1), and encryption of messages in the SMB2
 * TRANSFORM_HEADER (2.2.41, 3.1.4.3, 3.3.4.1.4).
 *
 * <p>Everything works on byte arrays so that Netty handlers can call it on the bytes of a frame
 * without this package depending on Netty. Every signature check compares in constant time.
 */
package io.cephsmb.gateway.crypto;

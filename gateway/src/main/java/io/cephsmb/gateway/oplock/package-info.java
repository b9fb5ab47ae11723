/**
 * Oplocks and leases across gateway nodes ([MS-SMB2] 3.3.1.4, 3.3.4.6, 3.3.4.7, 3.3.5.9, 3.3.5.22;
 * [MS-FSA] 2.1.5.17): the grant and break decisions made inside the per-file open transaction
 * ({@link io.cephsmb.gateway.oplock.CachingPolicy}), the node's oplock and lease state with the
 * break notifications, acknowledgments and timeouts, and breaks carried to other nodes through
 * their RADOS mailbox objects ({@link io.cephsmb.gateway.oplock.OplockManager}).
 */
package io.cephsmb.gateway.oplock;

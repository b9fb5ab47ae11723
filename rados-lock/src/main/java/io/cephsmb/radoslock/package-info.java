/** Cluster mutex, membership, leader election and fencing over RADOS (filled by issue 3). */
package io.cephsmb.radoslock;

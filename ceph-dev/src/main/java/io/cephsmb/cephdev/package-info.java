/**
 * Test support for the single-host Ceph dev cluster started by {@code ceph-dev/cluster}: {@link
 * io.cephsmb.cephdev.DevCluster} drives the script, {@link
 * io.cephsmb.cephdev.CephDevClusterExtension} gives JUnit 5 tests one cluster per run.
 */
package io.cephsmb.cephdev;

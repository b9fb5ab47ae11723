/**
 * The VFS the SMB server calls, its CephFS and local-directory implementations (filled by issue 5).
 */
package io.cephsmb.vfs;

/**
 * The VFS the SMB server calls: {@link io.cephsmb.vfs.Vfs} (paths relative to a share root, as
 * validated {@link io.cephsmb.vfs.VfsPath}s), its errors ({@link io.cephsmb.vfs.VfsException}, one
 * errno each) and the one errno to NTSTATUS table ({@link io.cephsmb.vfs.ErrnoStatus}). The CephFS
 * implementation is in {@code io.cephsmb.vfs.cephfs}, the local-directory one in {@code
 * io.cephsmb.vfs.local}.
 */
package io.cephsmb.vfs;

/**
 * The SMB2 file commands ([MS-SMB2] 3.3.5.9 to 3.3.5.21): CREATE, CLOSE, FLUSH, READ, WRITE,
 * QUERY_DIRECTORY, QUERY_INFO and SET_INFO over the {@link io.cephsmb.vfs.Vfs} of each share, with
 * share modes and delete-pending kept cluster-wide in the {@link
 * io.cephsmb.gateway.openfiles.OpenFileTable}. {@link io.cephsmb.gateway.fileservice.FileService}
 * holds the opens of one node and gives the handlers to plug into {@code SmbServer.start}.
 */
package io.cephsmb.gateway.fileservice;

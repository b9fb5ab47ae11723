package io.cephsmb.gateway.server;

/**
 * [MS-SMB2] 3.3.1.10 TreeConnect: one share connected in one session.
 *
 * @param treeId TreeConnect.TreeId
 * @param share the share (for IPC$ a synthetic definition)
 * @param ipc whether this is IPC$ (pipe share)
 * @param encryptData whether requests on this tree must be encrypted (Share.EncryptData)
 * @param maximalAccess TreeConnect.MaximalAccess
 */
public record TreeConnect(
    int treeId, ShareDefinition share, boolean ipc, boolean encryptData, int maximalAccess) {}

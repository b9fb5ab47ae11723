package io.cephsmb.gateway.pipe;

import io.cephsmb.dcerpc.np.PipeEndpoint;
import io.cephsmb.gateway.mssmb2.Smb2FileId;
import io.cephsmb.gateway.server.SmbConnection;

/**
 * One open of a named pipe ([MS-SMB2] 3.3.1.10 Open on a pipe share): the handle's owner (the
 * connection, session and tree connect that created it) and the pipe instance.
 */
record PipeOpen(
    Smb2FileId fileId,
    SmbConnection connection,
    long sessionId,
    int treeId,
    String name,
    PipeEndpoint endpoint) {}

/**
 * [MS-RPCE] 2.1.1.2 ncacn_np: the server end of one named-pipe instance as a message-mode pipe
 * ([MS-FSCC] 2.3.50, 2.4.33) carrying the PDUs of one DCE/RPC connection. The SMB transport (the
 * gateway's IPC$ share) translates CREATE, READ, WRITE, FSCTL_PIPE_TRANSCEIVE, FSCTL_PIPE_PEEK and
 * CLOSE into calls on {@link io.cephsmb.dcerpc.np.PipeEndpoint}.
 */
package io.cephsmb.dcerpc.np;

/**
 * Named pipes on the IPC$ share ([MS-SMB2] 3.3.5.9 on a pipe share, [MS-FSCC] 2.3.47-2.3.51 pipe
 * FSCTLs, 2.4.33/2.4.34 pipe information, [MS-RPCE] 2.1.1.2 ncacn_np): {@link
 * io.cephsmb.gateway.pipe.NamedPipes} routes the commands of IPC$ tree connects to pipe instances,
 * each one DCE/RPC connection ({@link io.cephsmb.dcerpc.np.PipeEndpoint}), and everything else to
 * the handlers it wraps.
 */
package io.cephsmb.gateway.pipe;

/**
 * The gateway side of DCE/RPC: the NTLMSSP security provider ([MS-RPCE] 3.3.1.5.2 with [MS-NLMP]
 * session security) and the runner that serves epmapper, srvsvc and wkssvc over ncacn_ip_tcp.
 */
package io.cephsmb.gateway.rpc;

/** DCE/RPC over SMB named pipes and TCP: [C706] and [MS-RPCE] (filled by issue 6). */
package io.cephsmb.dcerpc;

/** [MS-FSCC] 2.3 FSCTL structures and [MS-SMB2] 2.2.31/2.2.32 FSCTL payloads the server handles. */
package io.cephsmb.gateway.msfscc;

/** The SMB2/3 server, daemon and CLI (filled by issues 4 and 5). */
package io.cephsmb.gateway;

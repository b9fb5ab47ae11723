/** Durable and persistent handles, [MS-SMB2] 3.3.5.9.7 and 3.3.5.9.12 (filled by a later issue). */
package io.cephsmb.handles;

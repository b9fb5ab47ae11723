/** The [MS-SWN] Witness service (filled by a later issue, after issues 3 and 6). */
package io.cephsmb.witness;

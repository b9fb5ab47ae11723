/**
 * [C706] appendix O (ept interface) and appendix L (protocol towers), [MS-RPCE] 2.2.1.2: the
 * endpoint mapper, which tells a client on which port or pipe an interface is served.
 */
package io.cephsmb.dcerpc.epm;

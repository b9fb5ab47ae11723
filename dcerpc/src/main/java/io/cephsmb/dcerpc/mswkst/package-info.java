/** [MS-WKST] the wkssvc interface: NetrWkstaGetInfo. */
package io.cephsmb.dcerpc.mswkst;

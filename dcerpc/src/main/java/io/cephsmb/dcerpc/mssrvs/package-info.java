/** [MS-SRVS] srvsvc interface descriptions for the NDR engine. */
package io.cephsmb.dcerpc.mssrvs;

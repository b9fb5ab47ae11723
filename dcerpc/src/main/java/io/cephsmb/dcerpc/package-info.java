/**
 * DCE/RPC ([C706], [MS-RPCE]): PDUs in {@code pdu}, NDR20 in {@code ndr}, the authentication hook
 * in {@code auth}, the transport-independent server connection in {@code server}, interface
 * descriptions in packages named after their specs ({@code mssrvs}).
 */
package io.cephsmb.dcerpc;

package io.cephsmb.gateway.msnlmp;

/**
 * What the server says about itself in the CHALLENGE_MESSAGE ([MS-NLMP] 3.2.5.1.1) and whether it
 * accepts anonymous logons.
 *
 * @param nbDomainName MsvAvNbDomainName (NetBIOS domain or workgroup)
 * @param nbComputerName MsvAvNbComputerName, also the TargetName
 * @param dnsDomainName MsvAvDnsDomainName
 * @param dnsComputerName MsvAvDnsComputerName
 * @param version the Version sent when the client sets NTLMSSP_NEGOTIATE_VERSION
 * @param allowAnonymous whether anonymous logons succeed
 */
public record NtlmServerConfig(
    String nbDomainName,
    String nbComputerName,
    String dnsDomainName,
    String dnsComputerName,
    NtlmVersion version,
    boolean allowAnonymous) {}

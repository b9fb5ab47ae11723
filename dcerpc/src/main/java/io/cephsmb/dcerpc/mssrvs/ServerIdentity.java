package io.cephsmb.dcerpc.mssrvs;

/**
 * What srvsvc and wkssvc say about the server.
 *
 * @param netbiosName the server's NetBIOS name (sv10x_name, wki100_computername)
 * @param domain the NetBIOS domain or workgroup (wki100_langroup)
 * @param comment the server comment (sv101_comment)
 * @param versionMajor the OS major version reported (Samba reports 6)
 * @param versionMinor the OS minor version reported (Samba reports 1)
 */
public record ServerIdentity(
    String netbiosName, String domain, String comment, int versionMajor, int versionMinor) {
  /** [MS-SRVS] 2.2.2.6 PLATFORM_ID_NT. */
  public static final int PLATFORM_ID_NT = 500;

  /**
   * [MS-SRVS] 2.2.2.7 server type: SV_TYPE_WORKSTATION | SV_TYPE_SERVER | SV_TYPE_SERVER_UNIX |
   * SV_TYPE_NT | SV_TYPE_SERVER_NT.
   */
  public static final int SERVER_TYPE = 0x00009803;

  /** A server with version 6.1, as Samba reports. */
  public static ServerIdentity of(String netbiosName, String domain, String comment) {
    return new ServerIdentity(netbiosName, domain, comment, 6, 1);
  }
}

package io.cephsmb.it.harness;

/**
 * Where and as whom a client reaches an SMB server: host (always 127.0.0.1 here), TCP port, share
 * name, user and password.
 */
public record Endpoint(String host, int port, String share, String user, String password) {

  /** The share's UNC path as Samba's tools take it, {@code //host/share}. */
  public String unc() {
    return "//" + host + "/" + share;
  }

  /** {@code user%password}, the form of smbclient's and smbtorture's {@code -U}. */
  public String userPercentPassword() {
    return user + "%" + password;
  }
}

package io.cephsmb.gateway.server;

/**
 * One share as the configuration defines it.
 *
 * @param name the share name (matched case-insensitively)
 * @param path the path inside the file system the share exports
 * @param comment the comment (srvsvc shows it)
 * @param readOnly whether the share is read-only
 * @param encryptData Share.EncryptData ([MS-SMB2] 3.3.1.6): 3.x clients must encrypt
 * @param continuouslyAvailable whether the share is continuously available (persistent handles; not
 *     announced until the persistent-handle work lands)
 * @param caseSensitive whether names are compared with case (Samba's {@code case sensitive = yes});
 *     by default (false) names are case-insensitive and case-preserving, as Windows
 */
public record ShareDefinition(
    String name,
    String path,
    String comment,
    boolean readOnly,
    boolean encryptData,
    boolean continuouslyAvailable,
    boolean caseSensitive) {
  /** A share with case-insensitive names. */
  public ShareDefinition(
      String name,
      String path,
      String comment,
      boolean readOnly,
      boolean encryptData,
      boolean continuouslyAvailable) {
    this(name, path, comment, readOnly, encryptData, continuouslyAvailable, false);
  }

  /** A plain read-write disk share. */
  public static ShareDefinition of(String name, String path) {
    return new ShareDefinition(name, path, "", false, false, false);
  }
}

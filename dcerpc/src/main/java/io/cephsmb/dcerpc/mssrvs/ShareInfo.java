package io.cephsmb.dcerpc.mssrvs;

import java.util.Objects;

/**
 * One share as srvsvc describes it.
 *
 * @param name the share name (netname)
 * @param type [MS-SRVS] 2.2.2.4 share type: {@link #STYPE_DISKTREE}, or {@link #IPC} for IPC$
 * @param comment the remark
 * @param path the local path (a CephFS path), shown as {@code C:\...} as Windows and Samba do
 */
public record ShareInfo(String name, int type, String comment, String path) {
  /** STYPE_DISKTREE. */
  public static final int STYPE_DISKTREE = 0;

  /** STYPE_IPC | STYPE_SPECIAL, the type of IPC$. */
  public static final int IPC = 0x80000003;

  /** STYPE_SPECIAL: an administrative share. */
  public static final int STYPE_SPECIAL = 0x80000000;

  public ShareInfo {
    Objects.requireNonNull(name);
    Objects.requireNonNull(comment);
    Objects.requireNonNull(path);
  }

  /** A disk share. */
  public static ShareInfo disk(String name, String comment, String path) {
    return new ShareInfo(name, STYPE_DISKTREE, comment, path);
  }

  /** The IPC$ share. */
  public static ShareInfo ipc(String comment) {
    return new ShareInfo("IPC$", IPC, comment, "");
  }

  /** True for IPC$ and administrative shares (hidden from NetrShareEnumSticky). */
  public boolean isSpecial() {
    return (type & STYPE_SPECIAL) != 0;
  }

  /** The path as Windows shows it: {@code C:} and backslashes ("" stays ""). */
  public String windowsPath() {
    return path.isEmpty() ? "" : "C:" + path.replace('/', '\\');
  }
}

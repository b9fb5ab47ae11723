package io.cephsmb.gateway.msnlmp;

/** [MS-NLMP] 2.2.2.5 NEGOTIATE flags. */
public final class NegotiateFlags {
  public static final int UNICODE = 0x00000001;
  public static final int OEM = 0x00000002;
  public static final int REQUEST_TARGET = 0x00000004;
  public static final int SIGN = 0x00000010;
  public static final int SEAL = 0x00000020;
  public static final int DATAGRAM = 0x00000040;
  public static final int LM_KEY = 0x00000080;
  public static final int NTLM = 0x00000200;
  public static final int ANONYMOUS = 0x00000800;
  public static final int OEM_DOMAIN_SUPPLIED = 0x00001000;
  public static final int OEM_WORKSTATION_SUPPLIED = 0x00002000;
  public static final int ALWAYS_SIGN = 0x00008000;
  public static final int TARGET_TYPE_DOMAIN = 0x00010000;
  public static final int TARGET_TYPE_SERVER = 0x00020000;
  public static final int EXTENDED_SESSIONSECURITY = 0x00080000;
  public static final int IDENTIFY = 0x00100000;
  public static final int REQUEST_NON_NT_SESSION_KEY = 0x00400000;
  public static final int TARGET_INFO = 0x00800000;
  public static final int VERSION = 0x02000000;
  public static final int NEGOTIATE_128 = 0x20000000;
  public static final int KEY_EXCH = 0x40000000;
  public static final int NEGOTIATE_56 = 0x80000000;

  private NegotiateFlags() {}

  /** Whether every bit of {@code flag} is set in {@code flags}. */
  public static boolean isSet(int flags, int flag) {
    return (flags & flag) == flag;
  }
}

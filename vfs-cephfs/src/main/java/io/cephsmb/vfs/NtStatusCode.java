package io.cephsmb.vfs;

/**
 * An NTSTATUS value ([MS-ERREF] 2.3.1 NTSTATUS Values): the 32-bit code and its name. The gateway
 * has its own NtStatus enum and maps by {@link #code()}.
 */
public record NtStatusCode(int code, String name) {
  @Override
  public String toString() {
    return name + String.format(java.util.Locale.ROOT, " (0x%08X)", code);
  }
}

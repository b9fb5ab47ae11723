package io.cephsmb.gateway.msnlmp;

import java.util.Optional;

/** Where the server looks up the NT hash (MD4 of the UTF-16LE password) of a user. */
@FunctionalInterface
public interface NtlmCredentials {
  /**
   * The 16-byte NT hash of {@code user} as the client named it, or empty when there is no such
   * user. Implementations decide how names and domains are matched (case-insensitively, as Windows
   * does).
   */
  Optional<byte[]> ntHash(String user, String domain);
}

package io.cephsmb.gateway.server;

import io.cephsmb.gateway.crypto.Smb2Cipher;
import io.cephsmb.gateway.crypto.Smb2SigningAlgorithm;
import io.cephsmb.gateway.mssmb2.NegotiateContext;
import io.cephsmb.gateway.mssmb2.NegotiateContext.EncryptionCapabilities;
import io.cephsmb.gateway.mssmb2.NegotiateContext.PreauthIntegrityCapabilities;
import io.cephsmb.gateway.mssmb2.NegotiateContext.SigningCapabilities;
import io.cephsmb.gateway.mssmb2.NtStatus;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 3.3.5.4 the SMB 3.1.1 negotiate contexts: exactly one PREAUTH_INTEGRITY_CAPABILITIES
 * naming SHA-512, at most one ENCRYPTION_CAPABILITIES and one SIGNING_CAPABILITIES (the first of
 * the client's entries the server also offers wins; no common cipher answers cipher 0), anything
 * else ignored. The answer carries the server's contexts.
 *
 * @param error the status when the contexts are unacceptable, or null
 * @param cipher the chosen cipher, or null
 * @param signing the chosen signing algorithm
 * @param answer the contexts for the response
 */
record Contexts3(
    NtStatus error,
    Smb2Cipher cipher,
    Smb2SigningAlgorithm signing,
    List<NegotiateContext> answer) {
  private static final int SALT_LENGTH = 32;

  static Contexts3 select(
      List<NegotiateContext> contexts, SmbServerConfig config, SecureRandom random) {
    PreauthIntegrityCapabilities preauth = null;
    EncryptionCapabilities encryption = null;
    SigningCapabilities signing = null;
    int preauthCount = 0;
    int encryptionCount = 0;
    int signingCount = 0;
    for (NegotiateContext c : contexts) {
      if (c instanceof PreauthIntegrityCapabilities p) {
        preauth = p;
        preauthCount++;
      } else if (c instanceof EncryptionCapabilities e) {
        encryption = e;
        encryptionCount++;
      } else if (c instanceof SigningCapabilities s) {
        signing = s;
        signingCount++;
      }
    }
    if (preauthCount != 1 || encryptionCount > 1 || signingCount > 1) {
      return failed(NtStatus.INVALID_PARAMETER);
    }
    if (!preauth.hashAlgorithms().contains(PreauthIntegrityCapabilities.SHA_512)) {
      return failed(NtStatus.SMB_NO_PREAUTH_INTEGRITY_HASH_OVERLAP);
    }
    byte[] salt = new byte[SALT_LENGTH];
    random.nextBytes(salt);
    List<NegotiateContext> answer = new ArrayList<>();
    answer.add(
        new PreauthIntegrityCapabilities(List.of(PreauthIntegrityCapabilities.SHA_512), salt));
    Smb2Cipher cipher = null;
    if (encryption != null) {
      if (config.encryptionSupported()) {
        for (int id : encryption.ciphers()) {
          Smb2Cipher offered = cipherOf(id);
          if (offered != null && config.ciphers().contains(offered)) {
            cipher = offered;
            break;
          }
        }
      }
      answer.add(new EncryptionCapabilities(List.of(cipher == null ? 0 : cipher.id())));
    }
    Smb2SigningAlgorithm alg = Smb2SigningAlgorithm.AES_CMAC;
    if (signing != null) {
      for (int id : signing.algorithms()) {
        Smb2SigningAlgorithm offered = algorithmOf(id);
        if (offered != null && config.signingAlgorithms().contains(offered)) {
          alg = offered;
          break;
        }
      }
      answer.add(new SigningCapabilities(List.of(alg.id())));
    }
    return new Contexts3(null, cipher, alg, answer);
  }

  private static Contexts3 failed(NtStatus status) {
    return new Contexts3(status, null, null, List.of());
  }

  private static Smb2Cipher cipherOf(int id) {
    for (Smb2Cipher c : Smb2Cipher.values()) {
      if (c.id() == id) {
        return c;
      }
    }
    return null;
  }

  private static Smb2SigningAlgorithm algorithmOf(int id) {
    for (Smb2SigningAlgorithm a : Smb2SigningAlgorithm.values()) {
      if (a.id() == id) {
        return a;
      }
    }
    return null;
  }
}

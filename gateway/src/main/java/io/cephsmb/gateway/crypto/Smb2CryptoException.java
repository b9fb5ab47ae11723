package io.cephsmb.gateway.crypto;

/**
 * A message could not be signed, verified, encrypted or decrypted: it is malformed (too short,
 * wrong protocol id, lengths that do not add up) or it failed authentication.
 */
public final class Smb2CryptoException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public Smb2CryptoException(String message) {
    super(message);
  }

  public Smb2CryptoException(String message, Throwable cause) {
    super(message, cause);
  }
}

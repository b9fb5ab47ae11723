package io.cephsmb.dcerpc.ndr;

/**
 * Stub data that does not match its description: a count beyond the data, a null [ref] pointer, an
 * unknown union discriminant. The RPC layer answers it with a fault (RPC_X_BAD_STUB_DATA).
 */
public final class NdrException extends Exception {
  private static final long serialVersionUID = 1L;

  public NdrException(String message) {
    super(message);
  }
}

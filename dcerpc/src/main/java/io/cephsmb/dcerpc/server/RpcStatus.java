package io.cephsmb.dcerpc.server;

/** Fault and reject status codes ([C706] appendix E, [MS-RPCE] 2.2.2.8 and [MS-ERREF] 2.2). */
public final class RpcStatus {
  /** nca_s_fault_access_denied (ERROR_ACCESS_DENIED). */
  public static final int ACCESS_DENIED = 0x00000005;

  /** RPC_X_BAD_STUB_DATA: stub data that does not unmarshal. */
  public static final int BAD_STUB_DATA = 0x000006f7;

  /** nca_op_rng_error: no such operation in the interface. */
  public static final int OP_RNG_ERROR = 0x1c010002;

  /** nca_unk_if: the presentation context names no bound interface. */
  public static final int UNK_IF = 0x1c010003;

  /** nca_proto_error: a PDU that breaks the protocol. */
  public static final int PROTO_ERROR = 0x1c01000b;

  /** nca_s_fault_cancel: the call was cancelled. */
  public static final int FAULT_CANCEL = 0x1c00000d;

  /** nca_s_fault_unspec: the server failed in an unspecified way. */
  public static final int FAULT_UNSPEC = 0x1c000012;

  /** nca_s_fault_remote_no_memory: a request beyond the server's reassembly limit. */
  public static final int FAULT_REMOTE_NO_MEMORY = 0x1c00001b;

  private RpcStatus() {}
}

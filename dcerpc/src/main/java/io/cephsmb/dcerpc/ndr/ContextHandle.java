package io.cephsmb.dcerpc.ndr;

import java.util.UUID;

/** [C706] appendix N ndr_context_handle: context_handle_attributes and context_handle_uuid. */
public record ContextHandle(int attributes, UUID uuid) {
  /** The all-zero handle a server returns when it closes one. */
  public static final ContextHandle NULL = new ContextHandle(0, new UUID(0, 0));
}

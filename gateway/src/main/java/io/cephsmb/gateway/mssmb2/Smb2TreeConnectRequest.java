package io.cephsmb.gateway.mssmb2;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.9 SMB2 TREE_CONNECT Request, with the 3.1.1 form where
 * SMB2_TREE_CONNECT_FLAG_EXTENSION_PRESENT puts the 2.2.9.1 extension (TreeConnectContextOffset
 * from the start of the request body, TreeConnectContextCount, 10 reserved bytes, PathName,
 * contexts) at the start of Buffer. PathOffset/PathLength locate the path in both forms.
 *
 * @param flags Flags (3.1.1) / Reserved
 * @param path the share path, {@code \\server\share}
 * @param contexts the 2.2.9.2 tree connect contexts (extension form only)
 */
public record Smb2TreeConnectRequest(int flags, String path, List<TreeConnectContext> contexts) {
  /** The StructureSize. */
  public static final int STRUCTURE_SIZE = 9;

  /** SMB2_TREE_CONNECT_FLAG_CLUSTER_RECONNECT. */
  public static final int FLAG_CLUSTER_RECONNECT = 0x0001;

  /** SMB2_TREE_CONNECT_FLAG_REDIRECT_TO_OWNER. */
  public static final int FLAG_REDIRECT_TO_OWNER = 0x0002;

  /** SMB2_TREE_CONNECT_FLAG_EXTENSION_PRESENT. */
  public static final int FLAG_EXTENSION_PRESENT = 0x0004;

  private static final int BUFFER_OFFSET = Smb2Wire.HEADER + 8;
  private static final int EXTENSION_LENGTH = 16;

  /** Copies the list. */
  public Smb2TreeConnectRequest {
    contexts = List.copyOf(contexts);
  }

  /**
   * [MS-SMB2] 2.2.9.2 SMB2_TREE_CONNECT_CONTEXT.
   *
   * @param type ContextType (0x0001 SMB2_REMOTED_IDENTITY_TREE_CONNECT_CONTEXT_ID)
   * @param data Data
   */
  public record TreeConnectContext(int type, byte[] data) {
    /** Copies the data. */
    public TreeConnectContext {
      data = data.clone();
    }

    @Override
    public byte[] data() {
      return data.clone();
    }
  }

  /** Whether the 3.1.1 extension is present. */
  public boolean hasExtension() {
    return (flags & FLAG_EXTENSION_PRESENT) != 0;
  }

  /**
   * Reads the request; {@code dialect311} says whether Flags means anything (before 3.1.1 the field
   * is reserved and the extension cannot be present).
   */
  public static Smb2TreeConnectRequest decode(ByteBuf m, boolean dialect311) {
    int body = Smb2Wire.body(m, STRUCTURE_SIZE, 8, "TREE_CONNECT");
    int flags = dialect311 ? m.getUnsignedShortLE(body + 2) : 0;
    int pathOffset = m.getUnsignedShortLE(body + 4);
    int pathLength = m.getUnsignedShortLE(body + 6);
    boolean extension = (flags & FLAG_EXTENSION_PRESENT) != 0;
    int minPath = BUFFER_OFFSET + (extension ? EXTENSION_LENGTH : 0);
    int pathAt = Smb2Wire.buffer(m, pathOffset, pathLength, minPath, "PathName");
    String path = Smb2Wire.utf16(m, pathAt, pathLength, "PathName");
    List<TreeConnectContext> contexts = new ArrayList<>();
    if (extension) {
      Smb2Wire.buffer(m, BUFFER_OFFSET, EXTENSION_LENGTH, BUFFER_OFFSET, "extension");
      long ctxOffset = m.getUnsignedIntLE(body + 8);
      int ctxCount = m.getUnsignedShortLE(body + 12);
      if (ctxCount > 0) {
        int at = Smb2Wire.buffer(m, Smb2Wire.HEADER + ctxOffset, 8, minPath, "TreeConnectContexts");
        int end = m.writerIndex();
        for (int n = 0; n < ctxCount; n++) {
          if (end - at < 8) {
            throw new Smb2DecodeException("TREE_CONNECT: context outside the message");
          }
          int type = m.getUnsignedShortLE(at);
          int len = m.getUnsignedShortLE(at + 2);
          if (len > end - at - 8) {
            throw new Smb2DecodeException("TREE_CONNECT: context DataLength outside the message");
          }
          contexts.add(new TreeConnectContext(type, Smb2Wire.bytes(m, at + 8, len)));
          at += 8 + len;
          int rel = at - m.readerIndex();
          at += (8 - (rel & 7)) & 7;
        }
      }
    }
    return new Smb2TreeConnectRequest(flags, path, contexts);
  }

  /** The share name: the last component of the path. */
  public String shareName() {
    String p = path;
    int slash = Math.max(p.lastIndexOf('\\'), p.lastIndexOf('/'));
    return slash >= 0 ? p.substring(slash + 1) : p;
  }

  /** Writes the body. */
  public void encode(ByteBuf out) {
    int bodyStart = out.writerIndex();
    int messageStart = bodyStart - Smb2Wire.HEADER;
    byte[] pathBytes = path.getBytes(java.nio.charset.StandardCharsets.UTF_16LE);
    boolean extension = hasExtension();
    out.writeShortLE(STRUCTURE_SIZE);
    out.writeShortLE(flags);
    out.writeShortLE(BUFFER_OFFSET + (extension ? EXTENSION_LENGTH : 0));
    out.writeShortLE(pathBytes.length);
    int ctxOffsetAt = out.writerIndex();
    if (extension) {
      out.writeIntLE(0);
      out.writeShortLE(contexts.size());
      out.writeZero(10);
    }
    out.writeBytes(pathBytes);
    if (extension && !contexts.isEmpty()) {
      Smb2Wire.pad8(out, messageStart);
      out.setIntLE(ctxOffsetAt, out.writerIndex() - bodyStart);
      for (int i = 0; i < contexts.size(); i++) {
        if (i > 0) {
          Smb2Wire.pad8(out, messageStart);
        }
        TreeConnectContext c = contexts.get(i);
        out.writeShortLE(c.type);
        out.writeShortLE(c.data.length);
        out.writeIntLE(0);
        out.writeBytes(c.data);
      }
    }
  }
}

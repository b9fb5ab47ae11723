package io.cephsmb.dcerpc.np;

/**
 * What one read of a message-mode pipe returns ([MS-FSCC] 2.3.50): bytes of the message at the head
 * of the pipe, and how many bytes of that message are still unread (the transport answers
 * STATUS_BUFFER_OVERFLOW when that is not zero; the rest comes with the next read).
 *
 * @param data the bytes read
 * @param messageRemaining the bytes of the same message left for the next read
 */
public record PipeChunk(byte[] data, int messageRemaining) {
  /** Copies the data. */
  public PipeChunk {
    data = data.clone();
  }

  /** A copy of the data. */
  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The number of bytes read. */
  public int length() {
    return data.length;
  }

  /** Whether part of the message is left ([MS-SMB2] 3.3.5.12: STATUS_BUFFER_OVERFLOW). */
  public boolean overflow() {
    return messageRemaining > 0;
  }
}

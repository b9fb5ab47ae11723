package io.cephsmb.dcerpc.np;

/**
 * [MS-FSCC] 2.3.48 FSCTL_PIPE_PEEK Reply (FILE_PIPE_PEEK_BUFFER) before encoding.
 *
 * @param connected whether the pipe is connected (NamedPipeState 3) or the server end is gone
 *     (FILE_PIPE_CLOSING_STATE 4)
 * @param readDataAvailable the bytes available to read
 * @param messages the number of messages queued
 * @param messageLength the unread bytes of the message at the head
 * @param data the head message's bytes that fit
 */
public record PipePeek(
    boolean connected, int readDataAvailable, int messages, int messageLength, byte[] data) {
  /** Copies the data. */
  public PipePeek {
    data = data.clone();
  }

  /** A copy of the data. */
  @Override
  public byte[] data() {
    return data.clone();
  }
}

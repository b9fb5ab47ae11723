package io.cephsmb.dcerpc.np;

import io.cephsmb.dcerpc.server.PduSink;
import io.cephsmb.dcerpc.server.RpcServer;
import io.cephsmb.dcerpc.server.ServerConnection;
import io.cephsmb.dcerpc.server.TransportIdentity;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The server end of one named-pipe instance ([MS-RPCE] 2.1.1.2): one DCE/RPC connection (one
 * association) of an {@link RpcServer}. The pipe is in message mode both ways ([MS-FSCC] 2.4.33):
 * the client's writes are cut into PDUs by frag_length and fed to the connection; each PDU the
 * server sends is one message, read whole or in parts (a read shorter than the message leaves the
 * rest for the next read and reports it, STATUS_BUFFER_OVERFLOW).
 *
 * <p>A read with nothing to read waits ({@link #read} returns an incomplete future, {@link
 * #cancelRead} withdraws it), as a Windows pipe in queue-operation mode. When the RPC connection
 * aborts (garbage, protocol error) the pipe is disconnected: what was queued can still be read,
 * then reads and writes fail. Thread-safe; the RPC connection may answer on any thread.
 */
public final class PipeEndpoint {
  /** The most output bytes queued for a client that does not read; beyond, the pipe breaks. */
  static final int MAX_QUEUED = 16 << 20;

  private final String name;
  private final Object writeLock = new Object();
  private final PduFramer framer = new PduFramer();
  private final ServerConnection rpc;
  private final ArrayDeque<byte[]> messages = new ArrayDeque<>();
  private final ArrayDeque<Reader> readers = new ArrayDeque<>();
  private int headOffset;
  private long queued;
  private boolean disconnected;
  private boolean closed;

  private record Reader(int max, CompletableFuture<PipeChunk> result) {}

  private PipeEndpoint(RpcServer server, String name, TransportIdentity transport) {
    this.name = name;
    this.rpc = server.connect(new Sink(), name, transport);
  }

  /**
   * Opens an instance of the pipe {@code name} (e.g. {@code \PIPE\srvsvc}, what bind_ack names as
   * the secondary address) served by {@code server}; its calls see {@code transport}.
   */
  public static PipeEndpoint open(RpcServer server, String name, TransportIdentity transport) {
    return new PipeEndpoint(server, name, transport);
  }

  /** The pipe's name. */
  public String name() {
    return name;
  }

  /**
   * Writes {@code data} (all of it is taken); complete PDUs go to the RPC connection, whose answers
   * queue up to be read.
   *
   * @throws PipeException DISCONNECTED or CLOSED
   */
  public void write(byte[] data) throws PipeException {
    synchronized (writeLock) {
      synchronized (this) {
        checkWritable();
      }
      List<byte[]> frames;
      try {
        frames = framer.add(data);
      } catch (PduFramer.Garbage g) {
        disconnect();
        return;
      }
      for (byte[] frame : frames) {
        rpc.receive(frame);
      }
    }
  }

  private void checkWritable() throws PipeException {
    if (closed) {
      throw new PipeException(PipeException.Kind.CLOSED, name + " is closed");
    }
    if (disconnected) {
      throw new PipeException(PipeException.Kind.DISCONNECTED, name + " is disconnected");
    }
  }

  /**
   * Reads up to {@code max} bytes of the message at the head of the pipe: completed at once if
   * there is one, else when the server sends one. Fails with DISCONNECTED once the server end is
   * gone and nothing is left, with CLOSED once the pipe is closed.
   */
  public CompletableFuture<PipeChunk> read(int max) {
    CompletableFuture<PipeChunk> f = new CompletableFuture<>();
    synchronized (this) {
      if (readers.isEmpty()) {
        PipeChunk c = take(max);
        if (c != null) {
          f.complete(c);
          return f;
        }
      }
      if (closed || disconnected) {
        return CompletableFuture.failedFuture(
            new PipeException(
                closed ? PipeException.Kind.CLOSED : PipeException.Kind.DISCONNECTED,
                name + (closed ? " is closed" : " is disconnected")));
      }
      readers.add(new Reader(max, f));
    }
    return f;
  }

  /**
   * Withdraws a read still waiting (CANCEL); true if it was waiting (the caller answers it). The
   * future is not completed.
   */
  public synchronized boolean cancelRead(CompletableFuture<PipeChunk> read) {
    for (Iterator<Reader> it = readers.iterator(); it.hasNext(); ) {
      if (it.next().result() == read) {
        it.remove();
        return true;
      }
    }
    return false;
  }

  /**
   * [MS-FSCC] 2.3.51 FSCTL_PIPE_TRANSCEIVE: writes {@code data} as one message and reads the reply
   * (up to {@code max} bytes of it; the rest is read with {@link #read}).
   *
   * @throws PipeException BUSY when unread data or a read is pending; DISCONNECTED, CLOSED
   */
  public CompletableFuture<PipeChunk> transceive(byte[] data, int max) throws PipeException {
    synchronized (this) {
      checkWritable();
      if (!messages.isEmpty() || !readers.isEmpty()) {
        throw new PipeException(PipeException.Kind.BUSY, name + " has unread data");
      }
    }
    CompletableFuture<PipeChunk> reply = read(max);
    write(data);
    return reply;
  }

  /** [MS-FSCC] 2.3.47 FSCTL_PIPE_PEEK: what could be read, without taking it. */
  public synchronized PipePeek peek(int maxData) {
    byte[] head = messages.peek();
    int messageLength = head == null ? 0 : head.length - headOffset;
    byte[] data =
        head == null
            ? new byte[0]
            : Arrays.copyOfRange(head, headOffset, headOffset + Math.min(maxData, messageLength));
    return new PipePeek(
        !disconnected && !closed,
        (int) Math.min(Integer.MAX_VALUE, queued),
        messages.size(),
        messageLength,
        data);
  }

  /** The bytes queued for reading. */
  public synchronized int readDataAvailable() {
    return (int) Math.min(Integer.MAX_VALUE, queued);
  }

  /** Whether the server end is still there. */
  public synchronized boolean connected() {
    return !disconnected && !closed;
  }

  /**
   * The client closed its handle (or its tree, session, connection): the RPC connection is closed
   * (its pending calls cancelled, its association group left) and waiting reads fail with CLOSED.
   */
  public void close() {
    List<Reader> failed;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      messages.clear();
      queued = 0;
      failed = new ArrayList<>(readers);
      readers.clear();
    }
    rpc.close();
    for (Reader r : failed) {
      r.result().completeExceptionally(new PipeException(PipeException.Kind.CLOSED, "closed"));
    }
  }

  private void disconnect() {
    List<Reader> failed;
    synchronized (this) {
      if (disconnected || closed) {
        return;
      }
      disconnected = true;
      failed = messages.isEmpty() ? new ArrayList<>(readers) : List.of();
      if (messages.isEmpty()) {
        readers.clear();
      }
    }
    rpc.close();
    for (Reader r : failed) {
      r.result()
          .completeExceptionally(
              new PipeException(PipeException.Kind.DISCONNECTED, name + " is disconnected"));
    }
  }

  /** Takes up to {@code max} bytes of the head message, or null if none is queued. */
  private PipeChunk take(int max) {
    byte[] head = messages.peek();
    if (head == null) {
      return null;
    }
    int n = Math.min(Math.max(max, 0), head.length - headOffset);
    byte[] data = Arrays.copyOfRange(head, headOffset, headOffset + n);
    headOffset += n;
    queued -= n;
    int left = head.length - headOffset;
    if (left == 0) {
      messages.poll();
      headOffset = 0;
    }
    return new PipeChunk(data, left);
  }

  /** Queues one message and serves the waiting readers; returns the reads to complete. */
  private void deliver(byte[] pdu) {
    List<CompletableFuture<PipeChunk>> done = new ArrayList<>();
    List<PipeChunk> chunks = new ArrayList<>();
    boolean overflow;
    synchronized (this) {
      if (closed || disconnected) {
        return;
      }
      messages.add(pdu);
      queued += pdu.length;
      overflow = queued > MAX_QUEUED;
      while (!readers.isEmpty() && !messages.isEmpty()) {
        Reader r = readers.poll();
        done.add(r.result());
        chunks.add(take(r.max()));
      }
    }
    for (int i = 0; i < done.size(); i++) {
      done.get(i).complete(chunks.get(i));
    }
    if (overflow) {
      disconnect();
    }
  }

  /** How the RPC connection answers into this pipe. */
  private final class Sink implements PduSink {
    @Override
    public void send(byte[] pdu) {
      deliver(pdu);
    }

    @Override
    public void abort() {
      disconnect();
    }
  }
}

package io.cephsmb.gateway.server;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;

/** A {@link Smb2TestClient.Transport} over a real TCP connection; a silent server fails. */
final class SocketTransport implements Smb2TestClient.Transport, AutoCloseable {
  final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  SocketTransport(int port, int timeoutMs) throws IOException {
    socket = new Socket(java.net.InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(timeoutMs);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  void sendRaw(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void send(byte[] message) {
    sendRaw(FramingTest.frame(message));
  }

  @Override
  public byte[] receive() {
    try {
      int len = in.readInt();
      byte[] m = new byte[len];
      in.readFully(m);
      return m;
    } catch (EOFException e) {
      return null;
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server neither answered nor closed the connection", e);
    } catch (SocketException e) {
      return null; // reset by the server
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the server closed the connection (EOF or reset) before the timeout. */
  boolean closedByServer() {
    try {
      while (in.read() >= 0) {
        // discard whatever comes before the close
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

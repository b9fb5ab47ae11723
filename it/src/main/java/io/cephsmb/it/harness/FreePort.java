package io.cephsmb.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback ports: a free one, and waiting until one accepts connections. */
public final class FreePort {
  private FreePort() {}

  /** A TCP port on 127.0.0.1 that was free a moment ago. */
  public static int pick() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1", e);
    }
  }

  /** Whether 127.0.0.1:port accepts a TCP connection now. */
  public static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Waits until 127.0.0.1:port accepts connections, while {@code alive} says the server still runs;
   * returns false on timeout or when the server died.
   */
  public static boolean await(
      int port, Duration timeout, java.util.function.BooleanSupplier alive) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (accepts(port)) {
        return true;
      }
      if (!alive.getAsBoolean()) {
        return false;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }
}

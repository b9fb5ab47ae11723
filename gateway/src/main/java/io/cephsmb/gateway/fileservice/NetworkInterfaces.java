package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;

import io.cephsmb.gateway.msfscc.NetworkInterfaceInfo;
import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2IoctlRequest;
import io.cephsmb.gateway.server.Response;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * [MS-SMB2] 3.3.5.15.11 FSCTL_QUERY_NETWORK_INTERFACE_INFO: every address of every interface of
 * this node that is up and not a loopback (the loopback ones when there is nothing else, as on a
 * single test host), with the interface index, the link speed Linux reports in {@code
 * /sys/class/net/<if>/speed} (1 Gbit/s when it reports none) and no capability bits (no RSS or RDMA
 * multichannel here). As many entries as fit MaxOutputResponse; not even one is
 * STATUS_BUFFER_TOO_SMALL. Blocking (it reads the interface list).
 */
final class NetworkInterfaces {
  static final long DEFAULT_SPEED = 1_000_000_000L;

  private NetworkInterfaces() {}

  static Response answer(Smb2IoctlRequest req) {
    List<NetworkInterfaceInfo> all = list();
    long max = req.maxOutputResponse() & 0xffffffffL;
    int fit = (int) Math.min(all.size(), max / NetworkInterfaceInfo.LENGTH);
    if (fit == 0) {
      throw fail(NtStatus.BUFFER_TOO_SMALL, "MaxOutputResponse " + max);
    }
    List<NetworkInterfaceInfo> out = all.subList(0, fit);
    return FsctlHandler.ok(req, b -> NetworkInterfaceInfo.encode(out, b));
  }

  static List<NetworkInterfaceInfo> list() {
    List<NetworkInterfaceInfo> up = new ArrayList<>();
    List<NetworkInterfaceInfo> loop = new ArrayList<>();
    try {
      for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!ni.isUp()) {
          continue;
        }
        long speed = speed(ni.getName());
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          NetworkInterfaceInfo e = new NetworkInterfaceInfo(ni.getIndex(), 0, speed, a);
          (ni.isLoopback() ? loop : up).add(e);
        }
      }
    } catch (SocketException e) {
      throw fail(NtStatus.INSUFFICIENT_RESOURCES, "listing interfaces: " + e.getMessage());
    }
    return up.isEmpty() ? loop : up;
  }

  private static long speed(String name) {
    try {
      String s =
          Files.readString(Path.of("/sys/class/net", name, "speed"), StandardCharsets.US_ASCII)
              .trim();
      long mbit = Long.parseLong(s);
      return mbit > 0 ? mbit * 1_000_000L : DEFAULT_SPEED;
    } catch (IOException | NumberFormatException | SecurityException e) {
      return DEFAULT_SPEED;
    }
  }
}

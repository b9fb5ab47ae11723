package io.cephsmb.gateway.fileservice;

import static io.cephsmb.gateway.fileservice.FileService.fail;
import static io.cephsmb.gateway.fileservice.FileService.io;

import io.cephsmb.gateway.mssmb2.NtStatus;
import io.cephsmb.gateway.mssmb2.Smb2ErrorResponse;
import io.cephsmb.gateway.mssmb2.Smb2OutputBufferResponse;
import io.cephsmb.gateway.mssmb2.Smb2SetInfoResponse;
import io.cephsmb.gateway.server.RequestContext;
import io.cephsmb.gateway.server.Response;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * FileFullEaInformation ([MS-FSCC] 2.4.15) through QUERY_INFO ([MS-SMB2] 3.3.5.20.1: needs
 * FILE_READ_EA; the InputBuffer may name the EAs wanted as a FILE_GET_EA_INFORMATION list,
 * 2.4.15.1; SL_RETURN_SINGLE_ENTRY returns one) and SET_INFO (needs FILE_WRITE_EA), over {@link
 * ExtendedAttributes}. A file without EAs is STATUS_NO_EAS_ON_FILE; a buffer too small for the
 * first entry STATUS_BUFFER_TOO_SMALL, for all of them STATUS_BUFFER_OVERFLOW with the entries that
 * fit.
 */
final class EaInfo {
  static final int FILE_FULL_EA = 15;

  /** SL_RETURN_SINGLE_ENTRY. */
  static final int RETURN_SINGLE_ENTRY = 0x2;

  private EaInfo() {}

  static CompletableFuture<Response> query(
      RequestContext rc, FileOpen o, byte[] input, int flags, int max) {
    if (!o.has(Access.FILE_READ_EA)) {
      throw fail(NtStatus.ACCESS_DENIED, "no FILE_READ_EA");
    }
    List<String> wanted = input.length == 0 ? List.of() : names(input);
    return rc.offload(
        () -> {
          List<ExtendedAttributes.Ea> all = io(() -> ExtendedAttributes.list(o.vfs, o.path()));
          List<ExtendedAttributes.Ea> eas = new ArrayList<>();
          if (wanted.isEmpty()) {
            eas.addAll(all);
          } else {
            for (String n : wanted) {
              ExtendedAttributes.Ea found = null;
              for (ExtendedAttributes.Ea e : all) {
                if (e.name().equalsIgnoreCase(n)) {
                  found = e;
                }
              }
              eas.add(found != null ? found : new ExtendedAttributes.Ea(0, n, new byte[0]));
            }
          }
          if (eas.isEmpty()) {
            throw fail(NtStatus.NO_EAS_ON_FILE, o.path().toString());
          }
          if ((flags & RETURN_SINGLE_ENTRY) != 0) {
            eas = eas.subList(0, 1);
          }
          List<ExtendedAttributes.Ea> fit = new ArrayList<>();
          for (ExtendedAttributes.Ea e : eas) {
            List<ExtendedAttributes.Ea> t = new ArrayList<>(fit);
            t.add(e);
            if (ExtendedAttributes.encode(t).length > max) {
              break;
            }
            fit = t;
          }
          if (fit.isEmpty()) {
            int need = ExtendedAttributes.encode(eas.subList(0, 1)).length;
            byte[] d = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(need).array();
            return Response.of(
                NtStatus.BUFFER_TOO_SMALL, new Smb2ErrorResponse(List.of(), d)::encode);
          }
          byte[] out = ExtendedAttributes.encode(fit);
          NtStatus s = fit.size() < eas.size() ? NtStatus.BUFFER_OVERFLOW : NtStatus.SUCCESS;
          return Response.of(
              s, b -> Smb2OutputBufferResponse.encode(b, Unpooled.wrappedBuffer(out)));
        });
  }

  /** The names of a FILE_GET_EA_INFORMATION list. */
  private static List<String> names(byte[] in) {
    List<String> out = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
    int at = 0;
    while (true) {
      if (at + 5 > in.length) {
        throw fail(NtStatus.EA_LIST_INCONSISTENT, "FILE_GET_EA_INFORMATION past the buffer");
      }
      long next = b.getInt(at) & 0xFFFFFFFFL;
      int len = in[at + 4] & 0xff;
      if (at + 5 + len > in.length || (next != 0 && next < 5 + len)) {
        throw fail(NtStatus.EA_LIST_INCONSISTENT, "FILE_GET_EA_INFORMATION entry");
      }
      out.add(new String(in, at + 5, len, StandardCharsets.ISO_8859_1));
      if (next == 0 || at + next >= in.length) {
        return out;
      }
      at += (int) next;
    }
  }

  static CompletableFuture<Response> set(RequestContext rc, FileOpen o, byte[] buf) {
    if (!o.has(Access.FILE_WRITE_EA)) {
      throw fail(NtStatus.ACCESS_DENIED, "no FILE_WRITE_EA");
    }
    if (o.share.readOnly()) {
      throw fail(NtStatus.ACCESS_DENIED, "read-only share");
    }
    List<ExtendedAttributes.Ea> eas = ExtendedAttributes.decode(buf);
    return rc.offload(
        () -> {
          io(
              () -> {
                ExtendedAttributes.apply(o.vfs, o.path(), eas);
                return null;
              });
          return Response.ok(new Smb2SetInfoResponse()::encode);
        });
  }
}
